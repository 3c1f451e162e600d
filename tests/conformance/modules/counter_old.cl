;; A module exporting with an (export ...) form in its body, as earlier releases did.
(module counter
  (define start 100)
  (define (next n) (+ n 1))
  (define (hidden) "not exported")
  (export start next))
