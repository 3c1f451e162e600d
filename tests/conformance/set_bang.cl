;; set! assigns an existing binding: a global, a local, or a captured variable.
(define g 1)
(set! g 2)
(io:print g (set! g 3) g)
; expect: 2 nil 3
(define (bump-local x) (set! x (* x 10)) x)
(io:print (bump-local 4))
; expect: 40
(define (make-acc)
  (define total 0)
  (lambda (n) (set! total (+ total n)) total))
(define acc (make-acc))
(acc 5)
(io:print (acc 10))
; expect: 15
(define (set-global-from-function) (set! g 100))
(set-global-from-function)
(io:print g)
; expect: 100
(io:print (let ((a 1)) (set! a (+ a 1)) (set! a (* a 3)) a))
; expect: 6
