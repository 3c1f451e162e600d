;; List literals evaluate their elements; commas are whitespace; map literals keep order.
(io:print [1 (+ 1 1) (* 2 2)])
; expect: [1 2 4]
(io:print [1, 2, 3] [1,2,3] [])
; expect: [1 2 3] [1 2 3] []
(io:print {"a" 1 :b 2 3 [4]} {})
; expect: {"a" 1 :b 2 3 [4]} {}
(define k "key")
(io:print {k (+ 1 2), :other [k]})
; expect: {"key" 3 :other ["key"]}
(io:print [[1 2] [3 [4 []]]] (list 1 2) ())
; expect: [[1 2] [3 [4 []]]] [1 2] []
(io:print (tuple 1 "x" :k) (tuple))
; expect: (tuple 1 "x" :k) (tuple)
