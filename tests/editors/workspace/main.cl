;; %% Helpers
; Add two numbers.
(define (add a b) (+ a b))
(define   (square x)    (* x x))
(io:print "hello from the kernel")
(add 40 2)

;; %% Main
(define total (add (square 3) 4))
(add 1)
