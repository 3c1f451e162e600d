;; An unbound name is reported where it is used.
(define (greet name) (string-append "hello " nme))
(greet "x")
; expect-exit: 1
; expect-stderr: error[unbound-name]: unbound name 'nme'
; expect-stderr: errors_uncaught_unbound.cl:2:46
; expect-stderr: in greet
