;; Variadic parameters: `...rest` or `... rest` collects the remaining arguments as a list.
(define (f ...xs) xs)
(io:print (f) (f 1) (f 1 2 3))
; expect: [] [1] [1 2 3]
(define (g a b ...more) [a b more])
(io:print (g 1 2) (g 1 2 3 4))
; expect: [1 2 []] [1 2 [3 4]]
(io:print ((lambda (a ... rest) [a rest]) 1 2 3))
; expect: [1 [2 3]]
(io:print (apply g [1 2 3]) (apply f 1 [2]))
; expect: [1 2 [3]] [1 2]
(define (sum-all ...ns) (fold + 0 ns))
(io:print (sum-all) (sum-all 1 2 3 4))
; expect: 0 10
