;; Higher-order builtins accept closures, builtins, constructors and combinators alike.
(data Box (Box v))
(define offset 100)
(define (add-offset x) (+ x offset))
(io:print (map add-offset [1 2]) (map (lambda (x) (+ x offset)) [1 2]) (map abs [-1 2]))
; expect: [101 102] [101 102] [1 2]
(io:print (map Box [1 2]) (map (partial + 1) [1 2]) (map (compose abs -) [1 -2]))
; expect: [(Box 1) (Box 2)] [2 3] [1 2]
(io:print (filter (lambda (b) (match b ((Box v) (> v 1)))) (map Box [1 2 3])))
; expect: [(Box 2) (Box 3)]
(io:print (fold max 0 [3 9 2]) (fold (lambda (a x) (+ a x)) 0 [1 2 3]) (reduce string-append ["a" "b" "c"]))
; expect: 9 6 abc
(io:print (sort [3 1 2] (lambda (a b) (> a b))) (sort-by - [1 3 2]) (any? nil? [1 nil]))
; expect: [3 2 1] [3 2 1] #t
(io:print (map io:print ["side" "effects"]))
; expect: side
; expect: effects
; expect: [nil nil]
(io:print (apply max [4 8 1]) (apply Box [7]) (apply (lambda (a b) (- a b)) [10 3]))
; expect: 8 (Box 7) 7
