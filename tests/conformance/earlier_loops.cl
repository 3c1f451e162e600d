;; dotimes and loop/recur from earlier releases run as named lets (LANGUAGE.md 1.1 §10).
(dotimes (i 3) (io:print "row" i))
; expect: row 0
; expect: row 1
; expect: row 2
(define total 0)
(dotimes (i 5) (dotimes (j i) (set! total (+ total 1))))
(io:print total)
; expect: 10
(define (factorial n)
  (loop [i n acc 1]
    (if (<= i 1) acc (recur (- i 1) (* acc i)))))
(io:print (factorial 20))
; expect: 2432902008176640000
(io:print (loop [i 0] (if (< i 1000000) (recur (+ i 1)) i)))
; expect: 1000000
(define (sum-to n) (let loop ((i 0) (acc 0)) (if (> i n) acc (loop (+ i 1) (+ acc i)))))
(io:print (sum-to 100))
; expect: 5050
(io:print (dotimes (i 2) i))
; expect: nil
