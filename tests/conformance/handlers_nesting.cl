;; Handlers nest: the innermost matching one wins; an effect inside a handler reaches outer ones.
(io:print (handler ((random:int (lambda (lo hi) 1)))
  (handler ((random:int (lambda (lo hi) 2)))
    (random:int 1 6))))
; expect: 2
(io:print (handler ((random:int (lambda (lo hi) 1)))
  (handler ((time:now (lambda () 0.0)))
    (random:int 1 6))))
; expect: 1
(io:print (handler ((random:int (lambda (lo hi) 100)))
  (handler ((random:int (lambda (lo hi) (+ 1 (random:int lo hi)))))
    (random:int 1 6))))
; expect: 101
(handler ((io:print (lambda (...args) (io:print "outer saw" args))))
  (handler ((io:print (lambda (...args) (io:print "inner saw" args))))
    (io:print "msg")))
; expect: outer saw ["inner saw" ["msg"]]
(io:print (handler ((random (lambda (op ...a) :kind-outer)))
  (handler ((random:int (lambda (lo hi) :exact-inner)))
    [(random:int 1 2) (random:float)])))
; expect: [:exact-inner :kind-outer]
