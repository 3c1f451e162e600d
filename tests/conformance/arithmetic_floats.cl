;; Floats print like Python's repr.
(io:print 0.1 (+ 0.1 0.2) (/ 1.0 3) 2.0 -0.0)
; expect: 0.1 0.30000000000000004 0.3333333333333333 2.0 -0.0
(io:print 1e100 1e16 1e15 1e-7 123456789.0)
; expect: 1e+100 1e+16 1000000000000000.0 1e-07 123456789.0
(io:print (sqrt 16) (sqrt 2) (* 1.0 3) (float? (/ 7 2)))
; expect: 4.0 1.4142135623730951 3.0 #t
(io:print (round 2.5) (round -2.5) (round 2.4) (floor -2.5) (ceil 2.1))
; expect: 3 -3 2 -3 3
(io:print (round 3.14159 2) pi)
; expect: 3.14 3.141592653589793
