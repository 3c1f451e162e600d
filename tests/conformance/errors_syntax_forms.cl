;; Malformed special forms are syntax errors; the first is shown with a count of the rest.
(io:print "never")
(if)
(let ((x)) x)
(lambda x)
; expect-exit: 1
; expect-stderr: error[syntax]: malformed 'if': expected a test and a then branch: (if test then [else]) (and 2 more)
; expect-stderr: errors_syntax_forms.cl:3:1
