;; A small math module used by the LSP tests.
(module math (export square cube factorial)
  ; Multiply a number by itself.
  (define (square x) (* x x))
  (define (cube x) (* x (square x)))
  (define (factorial n) (if (< n 2) 1 (* n (factorial (- n 1))))))
