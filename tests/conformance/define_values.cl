;; Global definitions; a define's value is the defined value, later forms see it.
(define x 10)
(define y (+ x 5))
(io:print x y)
; expect: 10 15
(define x 20)
(io:print x y)
; expect: 20 15
(define greeting "hi")
(define numbers [1 2 3])
(io:print greeting numbers (define z 3) z)
; expect: hi [1 2 3] 3 3
