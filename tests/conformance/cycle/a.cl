;; Fixture: a imports b, which imports a.
(import "b" (b-value))
(module a (export a-value)
  (define a-value 1))
