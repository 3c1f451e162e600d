;; `(define x)` is a syntax error, reported before anything runs.
(io:print "never printed")
(define x)
; expect-exit: 1
; expect-stderr: error[syntax]: malformed 'define'
; expect-stderr: define_malformed.cl:3:1
