;; io:read-line reads a line of standard input without its newline; nil at the end.
; stdin: first line
; stdin: second
(io:print (io:read-line))
; expect: first line
(io:print (string-upper (io:read-line)) (io:read-line))
; expect: SECOND nil
(io:print (handler ((io:read-line (lambda () "from a handler"))) (io:read-line)))
; expect: from a handler
