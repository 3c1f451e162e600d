;; Every kind of runtime error is an error value that try can catch.
(data Option a (None) (Some a))
(define (kind-of thunk) (try (thunk) (catch (e) (error-message e))))
(io:print (kind-of (lambda () undefined-name)))
; expect: unbound name 'undefined-name'
(io:print (kind-of (lambda () ((lambda (a) a)))))
; expect: lambda: missing argument 'a'
(io:print (kind-of (lambda () (string-length 5))))
; expect: string-length: expected a string, got 5 (int)
(io:print (kind-of (lambda () (+ 1 "a"))))
; expect: +: expected numbers, got int and string
(io:print (kind-of (lambda () (/ 1 0))) (kind-of (lambda () (mod 1 0))))
; expect: /: division by zero mod: division by zero
(io:print (kind-of (lambda () (match 1 (2 :two)))))
; expect: no match clause matched 1 (int)
(spec:contract pos :requires [(> n 0)])
(define (pos n) n)
(io:print (kind-of (lambda () (pos 0))))
; expect: contract violation: pos: precondition (> n 0) failed (arguments: 0)
(io:print (kind-of (lambda () (error:raise "raised"))))
; expect: raised
(io:print (kind-of (lambda () (nth [1] 5))) (kind-of (lambda () (sqrt -1))))
; expect: nth: index 5 out of range for length 1 sqrt: argument out of domain: -1
(io:print (kind-of (lambda () (5 5))) (kind-of (lambda () (Some))))
; expect: cannot call an int: it is not a function Some: expected 1 argument, got 0
(io:print (kind-of (lambda () (: 1 String))) (kind-of (lambda () (network:get "http://x"))))
; expect: type ascription failed: expected String, got 1 (int) network:get: network access is not allowed here (the host program has not enabled network effects)
(io:print (kind-of (lambda () (set! undefined-name 1))) (substring (kind-of (lambda () (import "missing/module" *))) 0 35))
; expect: set!: 'undefined-name' is not defined cannot find module "missing/module"
