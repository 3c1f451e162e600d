;; A handler clause intercepts an effect op; its return value is the effect's result.
(define (roll) (random:int 1 6))
(io:print (handler ((random:int (lambda (lo hi) 4))) (roll)))
; expect: 4
(io:print (handler ((random:int (lambda (lo hi) (+ lo hi)))) [(roll) (random:int 10 20)]))
; expect: [7 30]
(define captured (state:new []))
(define result
  (handler ((io:print (lambda (...args) (state:update captured (lambda (l) (append l [args]))) :printed)))
    (io:print "hidden" 1)
    (io:print "also hidden")))
(io:print result (state:get captured))
; expect: :printed [["hidden" 1] ["also hidden"]]
(io:print (handler ((time:now (lambda () 123.5))) (time:now)))
; expect: 123.5
(io:print (handler ((error:raise (lambda (msg) (string-append "handled: " msg)))) (error:raise "bad")))
; expect: handled: bad
(io:print (handler () :no-clauses))
; expect: :no-clauses
