;; + - * / are variadic; / gives an int when the division is exact.
(io:print (+ 1 2) (+ 1 2 3 4) (+) (+ 5))
; expect: 3 10 0 5
(io:print (- 10 3) (- 10 3 2) (- 7) (- 0.5))
; expect: 7 5 -7 -0.5
(io:print (* 2 3) (* 2 3 4) (*) (* 1.5 2))
; expect: 6 24 1 3.0
(io:print (/ 10 2) (/ 7 2) (/ 1 4) (/ 20 2 5) (/ 6.0 3))
; expect: 5 3.5 0.25 2 2.0
(io:print (+ 1 2.5) (* 2 0.5) (- 1 1.0))
; expect: 3.5 1.0 0.0
(io:print (apply + [1 2 3]) (apply * 2 [3 4]) (map - [1 2]) (fold + 0 [1 2 3]))
; expect: 6 24 [-1 -2] 6
