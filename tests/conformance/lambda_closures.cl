;; Lambdas close over their environment, including mutable captured variables.
(define (make-adder n) (lambda (x) (+ x n)))
(define add5 (make-adder 5))
(io:print (add5 10) ((make-adder 1) 1))
; expect: 15 2
(define (make-counter)
  (let ((n 0))
    (lambda () (set! n (+ n 1)) n)))
(define c1 (make-counter))
(define c2 (make-counter))
(c1)
(c1)
(io:print (c1) (c2))
; expect: 3 1
(define fns (map (lambda (i) (lambda () (* i 10))) [1 2 3]))
(io:print (map (lambda (f) (f)) fns))
; expect: [10 20 30]
(io:print ((lambda (x y) (+ x y)) 1 2) ((lambda () 42)))
; expect: 3 42
(define (compose2 f g) (lambda (x) (f (g x))))
(io:print ((compose2 (lambda (x) (* x 2)) (lambda (x) (+ x 1))) 5))
; expect: 12
