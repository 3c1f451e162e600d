;; Inner bindings shadow outer ones and builtins; the shadowing ends with the form.
(define x 1)
(io:print (let ((x 2)) (let ((x 3)) x)) x)
; expect: 3 1
(io:print (let ((+ -)) (+ 10 3)) (+ 10 3))
; expect: 7 13
(io:print (let ((list (lambda (...xs) (length xs)))) (list 1 2 3)) (list 1 2 3))
; expect: 3 [1 2 3]
(define (f x) (let ((x (* x 2))) x))
(io:print (f 5))
; expect: 10
(io:print ((lambda (map) (map 1)) (lambda (v) (+ v 1))))
; expect: 2
