;; Integer and float literals (LANGUAGE.md §1), printed as §2 says.
(io:print 42 -17 +5 0)
; expect: 42 -17 5 0
(io:print 3.14 -0.5 1e5 2.5E-3 3.)
; expect: 3.14 -0.5 100000.0 0.0025 3.0
(io:print 123456789012345678901234567890)
; expect: 123456789012345678901234567890
(io:print (int? 42) (float? 3.) (int? 1e5) (number? -0.5))
; expect: #t #t #f #t
