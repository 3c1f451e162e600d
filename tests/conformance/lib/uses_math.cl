;; Fixture: imports written before the module form are visible inside it.
(import "math" (square))
(module uses-math (export sum-of-squares)
  (define (sum-of-squares a b) (+ (square a) (square b))))
