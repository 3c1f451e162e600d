;; Integers have arbitrary precision.
(io:print (* 99999999999 99999999999 99999999999))
; expect: 999999999970000000000299999999999
(io:print (factorial 30))
; expect: 265252859812191058636308480000000
(io:print (pow 2 100) (- (pow 2 64) 1))
; expect: 1267650600228229401496703205376 18446744073709551615
(define (fact n) (if (= n 0) 1 (* n (fact (- n 1)))))
(io:print (fact 25) (= (fact 25) (factorial 25)))
; expect: 15511210043330985984000000 #t
(io:print (length (to-string (factorial 2000))))
; expect: 5736
(io:print (/ (factorial 20) (factorial 18)) (quot (pow 10 30) 7))
; expect: 380 142857142857142857142857142857
