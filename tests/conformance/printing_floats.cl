;; Floats print like Python's repr: always with a point or an exponent.
(io:print 1.0 1.5 -2.25 100.0 1e21 1.5e-10 (/ 2 4) (* 1e300 10))
; expect: 1.0 1.5 -2.25 100.0 1e+21 1.5e-10 0.5 1e+301
(io:print (* 1e308 10) (- (* 1e308 10)) (sqrt 1e-10))
; expect: inf -inf 1e-05
(io:print (float? 1e21) (int? (round 1.5)) (/ 3 1.5) (+ 0.5 0.25))
; expect: #t #t 2.0 0.75
