;; State cells: state:new, state:get, state:set, state:update.
(define c (state:new 0))
(io:print (state:get c) (state:set c 5) (state:get c))
; expect: 0 5 5
(io:print (state:update c (lambda (v) (* v 2))) (state:get c) c)
; expect: 10 10 #<state 10>
(define (make-counter) (let ((cell (state:new 0))) (lambda () (state:update cell (lambda (n) (+ n 1))))))
(define next (make-counter))
(next)
(next)
(io:print (next))
; expect: 3
(define shared (state:new []))
(for-each (lambda (x) (state:update shared (lambda (l) (cons x l)))) [1 2 3])
(io:print (state:get shared) (effect state:get shared))
; expect: [3 2 1] [3 2 1]
