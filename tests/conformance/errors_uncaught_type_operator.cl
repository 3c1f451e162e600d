;; The inlined arithmetic operators report wrong types like the builtins do.
(define (double-size c) (* 2 (dict-get c :size)))
(double-size {:size "large"})
; expect-exit: 1
; expect-stderr: error[type]: *: expected numbers, got "large" (string)
; expect-stderr: errors_uncaught_type_operator.cl:2:25
; expect-stderr: in double-size
