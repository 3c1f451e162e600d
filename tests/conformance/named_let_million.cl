;; A named-let loop of a million iterations runs in constant stack, also inside a function.
(io:print (let loop ((i 0)) (if (< i 1000000) (loop (+ i 1)) i)))
; expect: 1000000
(define (count-evens n)
  (let loop ((i 0) (evens 0))
    (cond ((= i n) evens)
          ((even? i) (loop (+ i 1) (+ evens 1)))
          (else (loop (+ i 1) evens)))))
(io:print (count-evens 1000000))
; expect: 500000
