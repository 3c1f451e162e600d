;; Functions print as #<function name>: defined names, lambda, builtins, combinators.
(define (my-fn) 1)
(define bound-lambda (lambda () 2))
(define (outer) (define (inner) 3) inner)
(io:print my-fn bound-lambda (outer) (lambda () 4))
; expect: #<function my-fn> #<function bound-lambda> #<function inner> #<function lambda>
(io:print map string->list io:print print)
; expect: #<function map> #<function string->list> #<function io:print> #<function print>
(io:print (compose abs -) (partial + 1) (memoize my-fn))
; expect: #<function composed> #<function partial> #<function my-fn>
(io:print (let loop ((i 0)) loop))
; expect: #<function loop>
