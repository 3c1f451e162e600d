;; The last operand of and / or is in tail position: these loops run in constant stack.
(define (all-positive? lst) (or (empty? lst) (and (> (head lst) 0) (all-positive? (tail lst)))))
(io:print (all-positive? (range 1 2000)) (all-positive? [1 -1 2]))
; expect: #t #f
(define (count-down n) (or (= n 0) (count-down (- n 1))))
(io:print (count-down 1000000))
; expect: #t
(define (walk n) (and (>= n 0) (if (= n 0) :bottom (walk (- n 1)))))
(io:print (walk 1000000) (walk -1))
; expect: :bottom #f
(define (first-truthy lst) (and (not (empty? lst)) (or (head lst) (first-truthy (tail lst)))))
(io:print (first-truthy [nil #f 0 1]) (first-truthy [nil #f]))
; expect: 0 #f
