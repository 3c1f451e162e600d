;; set! of a name that is not defined is an error (catchable, and fatal when uncaught).
(io:print (try (set! nothing-here 1) (catch (e) (error-message e))))
; expect: set!: 'nothing-here' is not defined
(define (f) (set! also-missing 2))
(f)
; expect-exit: 1
; expect-stderr: error[unbound-name]: set!: 'also-missing' is not defined
; expect-stderr: set_unbound.cl:4:19
; expect-stderr: in f
