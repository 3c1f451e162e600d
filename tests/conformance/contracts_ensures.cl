;; :ensures clauses are checked after the body; `result` is the return value.
(spec:contract abs-val :ensures [(>= result 0)])
(define (abs-val x) (if (< x 0) (- x) x))
(io:print (abs-val -5) (abs-val 3))
; expect: 5 3
(spec:contract broken :ensures [(> result x)])
(define (broken x) (- x 1))
(io:print (try (broken 10) (catch (e) (error-message e))))
; expect: contract violation: broken: postcondition (> result x) failed (result: 9)
(spec:contract sorted-out :ensures [(sorted? result) (= (length result) (length xs))])
(define (sorted-out xs) (sort xs))
(io:print (sorted-out [3 1 2]))
; expect: [1 2 3]
(spec:contract negate :ensures [(> result 0)])
(define (negate result) (- result))
(io:print (negate -5) (try (negate 5) (catch (e) (error-message e))))
; expect: 5 contract violation: negate: postcondition (> result 0) failed (result: -5)
