;; Fixture: exported names may also come from a `let` at the end of the body.
(module let-export (export counter-start)
  (define counter-start (let ((base 10)) (* base 2))))
