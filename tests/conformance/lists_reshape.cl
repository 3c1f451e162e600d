;; append, concat, reverse, range, take, drop, zip, flatten, chunk, sliding-window.
(io:print (append [1] [2 3] []) (append) (concat [1] [2]) (reverse [1 2 3]))
; expect: [1 2 3] [] [1 2] [3 2 1]
(io:print (range 5) (range 2 5) (range 1 10 3) (range 5 0 -2) (range 0))
; expect: [0 1 2 3 4] [2 3 4] [1 4 7] [5 3 1] []
(io:print (take 2 [1 2 3]) (drop 2 [1 2 3]) (take 5 [1]) (drop 5 [1]))
; expect: [1 2] [3] [1] []
(io:print (zip [1 2 3] ["a" "b"]) (list-zip [1] [2]))
; expect: [[1 "a"] [2 "b"]] [[1 2]]
(io:print (flatten [1 [2 [3 [4]]] []]) (chunk 2 [1 2 3 4 5]) (sliding-window 2 [1 2 3]))
; expect: [1 2 3 4] [[1 2] [3 4] [5]] [[1 2] [2 3]]
(io:print (list-unique [1 2 1 3 2]) (index-of [5 6 7] 6) (index-of [5] 9) (member? 2 [1 2 3]))
; expect: [1 2 3] 1 nil #t
