;; while loops while its test is true and returns nil.
(define i 0)
(define total 0)
(io:print (while (< i 5) (set! total (+ total i)) (set! i (+ i 1))))
; expect: nil
(io:print i total)
; expect: 5 10
(io:print (while #f (io:print "never")))
; expect: nil
(define (collatz-steps n)
  (let ((steps 0) (x n))
    (while (!= x 1)
      (set! x (if (even? x) (quot x 2) (+ (* 3 x) 1)))
      (set! steps (+ steps 1)))
    steps))
(io:print (collatz-steps 27))
; expect: 111
(define c (state:new 0))
(while (< (state:get c) 3) (io:print "tick" (state:get c)) (state:update c (lambda (v) (+ v 1))))
; expect: tick 0
; expect: tick 1
; expect: tick 2
