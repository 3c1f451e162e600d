;; A clause naming a whole kind receives the op name as a string first.
(io:print (handler ((random (lambda (op ...args) [op args]))) (random:int 1 6)))
; expect: ["int" [1 6]]
(io:print (handler ((random (lambda (op ...args) op))) [(random:float) (random:choice [1]) (random:seed 1)]))
; expect: ["float" "choice" "seed"]
(handler ((io (lambda (op ...args) (io:print "io op:" op args))))
  (io:print "x" 2))
; expect: io op: print ["x" 2]
(io:print (handler ((io:print (lambda (...a) :exact)) (io (lambda (op ...a) :kind))) (io:print 1)))
; expect: :exact
(io:print (handler ((state (lambda (op ...args) (string-append "state:" op)))) (state:get (state:new 1))))
; expect: state:get
