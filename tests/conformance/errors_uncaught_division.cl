;; An uncaught error prints its kind, message, position, the source line and a traceback,
;; and ends the program with exit code 1; output printed before it stays.
(define (safe-div x y)
  (/ x y))
(define (compute a)
  (+ 1 (safe-div a 0)))
(io:print "before")
; expect: before
(compute 5)
(io:print "after")
; expect-exit: 1
; expect-stderr: error[division-by-zero]: /: division by zero
; expect-stderr:   --> errors_uncaught_division.cl:4:3
; expect-stderr:  4 |   (/ x y))
; expect-stderr:    |   ^^^^^^^
; expect-stderr: traceback (most recent call last):
; expect-stderr:   errors_uncaught_division.cl:9:1 in top level
; expect-stderr:   errors_uncaught_division.cl:6:8 in compute
; expect-stderr:   errors_uncaught_division.cl:4:3 in safe-div
