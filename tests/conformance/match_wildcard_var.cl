;; `_` matches anything without binding; a lower-case symbol binds the value.
(io:print (match 42 (n (+ n 1))) (match [1 2] (whole whole)) (match :any (_ :matched)))
; expect: 43 [1 2] :matched
(define x 100)
(io:print (match 5 (x (* x 2))) x)
; expect: 10 100
(io:print (match [1 2 3] ([_ middle _] middle)))
; expect: 2
(io:print (match (tuple 1 2) (t (tuple? t))))
; expect: #t
