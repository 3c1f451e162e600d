;; A bad escape in a string is a syntax error with a precise position.
(io:print "fine")
(io:print "bad \q escape")
; expect-exit: 1
; expect-stderr: error[syntax]: unknown escape '\q'
; expect-stderr: errors_syntax_string.cl:3:16
