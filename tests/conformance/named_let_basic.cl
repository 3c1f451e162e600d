;; Named let: a local loop function called with the initial values.
(io:print (let loop ((i 0) (acc [])) (if (= i 3) acc (loop (+ i 1) (append acc [i])))))
; expect: [0 1 2]
(define (sum-to n) (let loop ((i 0) (acc 0)) (if (> i n) acc (loop (+ i 1) (+ acc i)))))
(io:print (sum-to 100))
; expect: 5050
(io:print (let fact ((n 5)) (if (= n 0) 1 (* n (fact (- n 1))))))
; expect: 120
(io:print (let loop ((i 0)) (when (< i 3) (io:print "i =" i) (loop (+ i 1)))))
; expect: i = 0
; expect: i = 1
; expect: i = 2
; expect: nil
