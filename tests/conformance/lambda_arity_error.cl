;; Calling a lambda with the wrong number of arguments is an arity error naming `lambda`.
(define pair (lambda (a b) [a b]))
(io:print (try ((lambda (x) x)) (catch (e) (error-message e))))
; expect: lambda: missing argument 'x'
(io:print (try ((lambda (x) x) 1 2) (catch (e) (error-message e))))
; expect: lambda: expected 1 argument, got 2
(io:print (try (pair 1) (catch (e) (error-message e))))
; expect: pair: missing argument 'b'
(map (lambda (x y) x) [1 2])
; expect-exit: 1
; expect-stderr: error[arity]: lambda: missing argument 'y'
; expect-stderr: lambda_arity_error.cl:9:1
; expect-stderr: in top level
