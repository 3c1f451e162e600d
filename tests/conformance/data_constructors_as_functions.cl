;; Constructors are ordinary functions: map, apply, compose and partial take them.
(data Option a (None) (Some a))
(data Pair (Pair a b))
(io:print (map Some [1 2 3]))
; expect: [(Some 1) (Some 2) (Some 3)]
(io:print (map Pair [1 2] [:a :b]) (apply Pair [1 2]) ((partial Pair 0) 1))
; expect: [(Pair 1 :a) (Pair 2 :b)] (Pair 1 2) (Pair 0 1)
(io:print ((compose Some Some) 1) (filter (lambda (o) (= o None)) [(Some 1) None]))
; expect: (Some (Some 1)) [None]
(io:print (fold (lambda (acc x) (Pair x acc)) None [1 2]))
; expect: (Pair 2 (Pair 1 None))
