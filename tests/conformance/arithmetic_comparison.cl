;; Comparisons chain over their arguments; = and == are structural.
(io:print (< 1 2 3) (< 1 3 2) (<= 1 1 2) (> 3 2 1) (>= 3 3 4))
; expect: #t #f #t #t #f
(io:print (< 1 2.5) (> "b" "a") (< "abc" "abd"))
; expect: #t #t #t
(io:print (= 1 1.0) (= [1 2] [1 2]) (== {:a [1]} {:a [1]}) (= [1 2] [2 1]))
; expect: #t #t #t #f
(io:print (!= 1 2) (not= 1 1) (!= [1] [1]) (= "a" "a" "a") (= 1 1 2))
; expect: #t #f #f #t #f
(io:print (= #t 1) (= nil #f) (= (tuple 1 2) [1 2]) (= {:a 1 :b 2} {:b 2 :a 1}))
; expect: #f #f #f #t
(io:print (not #f) (not nil) (not 0) (implies #f #f) (implies #t #f))
; expect: #t #t #f #t #f
