;; A self call in tail position of a defined function runs in constant stack.
(define (count-down n) (if (= n 0) :done (count-down (- n 1))))
(io:print (count-down 1000000))
; expect: :done
(define (sum-acc n acc) (if (= n 0) acc (sum-acc (- n 1) (+ acc n))))
(io:print (sum-acc 1000000 0))
; expect: 500000500000
(define (last-of lst) (if (empty? (rest lst)) (first lst) (last-of (rest lst))))
(io:print (last-of (range 10000)))
; expect: 9999
(define (gather n ...acc) (if (= n 0) (length acc) (gather (- n 1) n)))
(io:print (gather 100000))
; expect: 1
