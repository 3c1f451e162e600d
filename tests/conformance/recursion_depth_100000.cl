;; Non-tail recursion 100,000 deep works too, directly and through map.
(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))
(io:print (depth 100000))
; expect: 100000
(define (nest n) (if (= n 0) 0 (+ 1 (head (map nest [(- n 1)])))))
(io:print (nest 50000))
; expect: 50000
