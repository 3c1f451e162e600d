;; Fixture: b imports a, closing the cycle.
(import "a" (a-value))
(module b (export b-value)
  (define b-value 2))
