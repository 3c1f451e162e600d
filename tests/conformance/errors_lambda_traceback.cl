;; Errors inside lambdas show `lambda` in the traceback, inside builtins that called them.
(define (process items) (map (lambda (x) (/ 100 x)) items))
(io:print (process [1 2 4]))
; expect: [100 50 25]
(process [5 0])
; expect-exit: 1
; expect-stderr: error[division-by-zero]: /: division by zero
; expect-stderr: errors_lambda_traceback.cl:5:1 in top level
; expect-stderr: errors_lambda_traceback.cl:2:25 in process
; expect-stderr: errors_lambda_traceback.cl:2:42 in lambda
