;; Function definitions: bodies with several forms, recursion, forward references.
(define (square x) (* x x))
(define (sum-of-squares a b) (+ (square a) (square b)))
(io:print (square 4) (sum-of-squares 3 4))
; expect: 16 25
(define (noisy x)
  (io:print "computing" x)
  (* x 10))
(io:print (noisy 2))
; expect: computing 2
; expect: 20
(define (uses-later n) (later n))
(define (later n) (+ n 1))
(io:print (uses-later 1))
; expect: 2
(define (f) 1)
(define (f) 2)
(io:print (f) f)
; expect: 2 #<function f>
(define g (lambda (a b) (- a b)))
(io:print (g 5 3) g)
; expect: 2 #<function g>
