;; recur anywhere but in tail position of its loop is a syntax error (LANGUAGE.md 1.1 §10).
(io:print "never runs")
(loop [i 0] (if (< i 3) (+ 1 (recur (+ i 1))) i))
; expect-exit: 1
; expect-stderr: error[syntax]: 'recur' must be in tail position of its 'loop'
; expect-stderr: earlier_recur_not_tail.cl:3:30
