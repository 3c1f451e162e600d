;; map, filter, the folds, sorting, searching and grouping.
(io:print (map (lambda (x) (* x x)) [1 2 3]) (map + [1 2] [10 20]) (filter odd? [1 2 3 4 5]))
; expect: [1 4 9] [11 22] [1 3 5]
(io:print (fold - 10 [1 2 3]) (foldr cons [] [1 2 3]) (foldr - 0 [1 2 3]))
; expect: 4 [1 2 3] 2
(io:print (reduce * [1 2 3 4]) (reduce + 100 [1 2]) (fold (lambda (acc x) (cons x acc)) [] [1 2 3]))
; expect: 24 103 [3 2 1]
(io:print (map-indexed list [:a :b]) (for-each identity [1 2]))
; expect: [[0 :a] [1 :b]] nil
(io:print (sort [3 1 2]) (sort [3 1 2] >) (sort ["b" "a" "c"]) (list-sort [2 1]))
; expect: [1 2 3] [3 2 1] ["a" "b" "c"] [1 2]
(io:print (sort-by string-length ["ccc" "a" "bb"]) (sort-by (lambda (p) (second p)) [[:x 3] [:y 1]]))
; expect: ["a" "bb" "ccc"] [[:y 1] [:x 3]]
(io:print (any? even? [1 3 4]) (all? even? [2 4]) (all? even? []) (any? even? []))
; expect: #t #t #t #f
(io:print (find even? [1 4 6]) (list-find even? [1 3]) (list-partition even? [1 2 3 4]))
; expect: 4 nil [[2 4] [1 3]]
(io:print (group-by even? [1 2 3 4 5]) (group-by string-length ["a" "bb" "c"]))
; expect: {#f [1 3 5] #t [2 4]} {1 ["a" "c"] 2 ["bb"]}
(io:print (sorted? [1 2 2 5]) (sorted? [2 1]))
; expect: #t #f
