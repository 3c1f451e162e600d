;; Internal defines are local to their body and may refer to each other.
(define a 1)
(define (outer n)
  (define a 10)
  (define (helper x) (+ x a (twice x)))
  (define (twice y) (* y 2))
  (helper n))
(io:print (outer 1) a)
; expect: 13 1
(define (counter-demo)
  (define count 0)
  (define (bump) (set! count (+ count 1)) count)
  (bump)
  (bump)
  (bump))
(io:print (counter-demo) (counter-demo))
; expect: 3 3
(io:print (let ((base 5)) (define (add x) (+ x base)) (add 1)))
; expect: 6
(io:print (try helper (catch (e) (error-message e))))
; expect: unbound name 'helper'
