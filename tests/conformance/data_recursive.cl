;; Recursive data types: a binary tree with insert and in-order traversal.
(data Tree (Leaf) (Node left value right))
(define (insert tree x)
  (match tree
    (Leaf (Node Leaf x Leaf))
    ((Node l v r) (if (< x v) (Node (insert l x) v r) (Node l v (insert r x))))))
(define (to-list tree)
  (match tree
    (Leaf [])
    ((Node l v r) (append (to-list l) [v] (to-list r)))))
(define t (fold insert Leaf [5 3 8 1 4 9]))
(io:print (to-list t))
; expect: [1 3 4 5 8 9]
(io:print (insert Leaf 1))
; expect: (Node Leaf 1 Leaf)
(define (depth tree) (match tree (Leaf 0) ((Node l _ r) (+ 1 (max (depth l) (depth r))))))
(io:print (depth t))
; expect: 3
