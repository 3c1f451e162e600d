;; An uncaught error:raise ends the program with its message.
(define (validate age) (if (< age 0) (error:raise "age must not be negative" age) age))
(io:print (validate 30))
; expect: 30
(validate -1)
; expect-exit: 1
; expect-stderr: error[user]: age must not be negative
; expect-stderr: errors_uncaught_raise.cl:2:38
; expect-stderr: errors_uncaught_raise.cl:5:1 in top level
; expect-stderr: in validate
