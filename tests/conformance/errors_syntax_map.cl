;; A map literal with an odd number of elements is a syntax error.
(io:print "never")
(define m {:a 1 :b})
; expect-exit: 1
; expect-stderr: error[syntax]: map literal has an odd number of elements
; expect-stderr: errors_syntax_map.cl:3:17
