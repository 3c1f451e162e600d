;; Non-tail recursion 10,000 deep works (building a 10,000-element list recursively).
(define (build n) (if (= n 0) [] (cons n (build (- n 1)))))
(define big (build 10000))
(io:print (length big) (head big) (last big))
; expect: 10000 10000 1
(define (my-map f lst) (if (empty? lst) [] (cons (f (head lst)) (my-map f (tail lst)))))
(io:print (length (my-map (lambda (x) (* x 2)) (range 10000))))
; expect: 10000
(define (ev? n) (if (= n 0) #t (od? (- n 1))))
(define (od? n) (if (= n 0) #f (ev? (- n 1))))
(io:print (ev? 10000) (od? 9999))
; expect: #t #t
