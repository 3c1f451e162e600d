;; data declares constructors: Some is a 1-field function, None a value; values compare by content.
(data Option a (None) (Some a))
(io:print (Some 42) None (None) (Some (Some "x")) (Some [1 2]))
; expect: (Some 42) None None (Some (Some "x")) (Some [1 2])
(io:print (= (Some 1) (Some 1)) (= (Some 1) (Some 2)) (= None (None)) (= None (Some nil)))
; expect: #t #f #t #f
(io:print Some (function? Some) (function? None))
; expect: #<function Some> #t #f
(io:print [(Some 1) None] {:opt (Some 2)} (to-string (Some "s")))
; expect: [(Some 1) None] {:opt (Some 2)} (Some "s")
(data Pair (Pair a b))
(io:print (Pair 1 "two") (match (Pair 1 2) ((Pair a b) (+ a b))))
; expect: (Pair 1 "two") 3
