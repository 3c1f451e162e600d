;; A syntax error anywhere in the file is reported before anything runs: no output at all.
(io:print "this line must not run")
(define (ok) 1)
(io:print "nor this one")
(define (broken x) (+ x 1)
; expect-exit: 1
; expect-stderr: error[syntax]: unclosed '(' opened at 5:1: expected ')'
; expect-stderr: errors_syntax_anywhere.cl:5:1
