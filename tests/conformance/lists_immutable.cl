;; Lists are immutable values: every operation returns a new list.
(define xs [1 2 3])
(define ys (cons 0 xs))
(define zs (append xs [4]))
(define ws (reverse xs))
(io:print xs ys zs ws)
; expect: [1 2 3] [0 1 2 3] [1 2 3 4] [3 2 1]
(define (push lst x) (append lst [x]))
(define built (fold push [] (range 4)))
(io:print built (length built))
; expect: [0 1 2 3] 4
(io:print (= xs [1 2 3]) (list? xs) (list? (tuple 1)))
; expect: #t #t #f
