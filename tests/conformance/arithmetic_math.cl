;; The math builtins of LANGUAGE.md §8.
(io:print (abs -4) (abs 2.5) (min 3 1 2) (max [3 1 2]) (min [5]))
; expect: 4 2.5 1 3 5
(io:print (pow 2 10) (pow 2 0.5) (exp 0) (log 8 2) (log 1))
; expect: 1024 1.4142135623730951 1.0 3.0 0.0
(io:print (sin 0) (cos 0) (tan 0) (atan 0) (atan2 0 1))
; expect: 0.0 1.0 0.0 0.0 0.0
(io:print (gcd 12 18) (lcm 4 6) (factorial 5) (mean [1 2 3 4]) (mean [2 4]))
; expect: 6 12 120 2.5 3
(io:print (clamp 15 0 10) (clamp -1 0 10) (clamp 5 0 10))
; expect: 10 0 5
(io:print (even? 4) (odd? -3) (zero? 0.0) (positive? 2) (negative? -1) (positive? 0))
; expect: #t #t #t #t #t #f
(io:print (sum [1 2 3.5]) (product [2 3 4]) (sum []) (product []))
; expect: 6.5 24 0 1
(io:print (> e 2.718) (< e 2.719))
; expect: #t #t
