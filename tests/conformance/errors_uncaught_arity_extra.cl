;; Too many arguments, to a defined function and to a builtin.
(define (one x) x)
(io:print (try (string-length "a" "b") (catch (e) (error-message e))))
; expect: string-length: expected 1 argument, got 2
(one 1 2)
; expect-exit: 1
; expect-stderr: error[arity]: one: expected 1 argument, got 2
; expect-stderr: errors_uncaught_arity_extra.cl:5:1
