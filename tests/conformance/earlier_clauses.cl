;; Racket-style [ ... ] clauses of cond, match and handler, and [name value] let bindings.
(define (describe n)
  (cond [(< n 0) "negative"]
        [(= n 0) "zero"]
        [else "positive"]))
(io:print (map describe [-1 0 1]))
; expect: ["negative" "zero" "positive"]
(define (sum-pair p) (match p [[a b] (+ a b)] [_ 0]))
(io:print (sum-pair [3 4]) (sum-pair 5))
; expect: 7 0
(io:print (let ([x 1] [y 2]) (+ x y)))
; expect: 3
(io:print (handler ([random:int (lambda (_lo hi) hi)]) (random:int 1 6)))
; expect: 6
