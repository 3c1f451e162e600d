;; Handlers have dynamic extent: functions called from the body are affected, code after is not.
(define (roll) (random:int 1 6))
(define (roll-twice) [(roll) (roll)])
(io:print (handler ((random:int (lambda (lo hi) 3))) (roll-twice)))
; expect: [3 3]
(define thunk (handler ((random:int (lambda (lo hi) 3))) (lambda () (random:int 100 100))))
(io:print (thunk))
; expect: 100
(io:print (try (handler ((random:int (lambda (lo hi) (error "from handler")))) (roll)) (catch (e) (error-message e))))
; expect: from handler
(io:print (random:int 5 5))
; expect: 5
(define (logged-sum xs) (fold (lambda (acc x) (io:print "adding" x) (+ acc x)) 0 xs))
(define out (state:new 0))
(io:print (handler ((io:print (lambda (...a) (state:update out (lambda (n) (+ n 1)))))) (logged-sum [1 2 3])) (state:get out))
; expect: 6 3
