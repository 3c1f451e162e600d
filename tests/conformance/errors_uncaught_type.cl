;; A wrong argument type names the builtin and the offending value.
(define config {:size "large"})
(define (double-size c) (* 2 (dict-get c :size)))
(io:print (string-length "ok"))
; expect: 2
(io:print (length 42))
; expect-exit: 1
; expect-stderr: error[type]: length: expected a list, string, map, set or tuple, got 42 (int)
; expect-stderr: errors_uncaught_type.cl:6:11
