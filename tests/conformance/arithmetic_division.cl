;; quot truncates toward zero; mod and % take the sign of the divisor.
(io:print (quot 7 2) (quot -7 2) (quot 7 -2) (quot -7 -2))
; expect: 3 -3 -3 3
(io:print (mod 7 3) (mod -7 3) (mod 7 -3) (mod -7 -3))
; expect: 1 2 -2 -1
(io:print (% 7 3) (% -7 3) (% 7 -3) (% 10 5))
; expect: 1 2 -2 0
(io:print (mod 5.5 2) (quot 7.5 2))
; expect: 1.5 3.0
(io:print (/ -7 2) (/ 9 3) (/ 0 5))
; expect: -3.5 3 0
