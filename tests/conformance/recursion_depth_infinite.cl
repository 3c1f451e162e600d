;; Unbounded recursion is a recursion error: catchable, and fatal when uncaught.
(define (forever n) (+ 1 (forever n)))
(io:print (try (forever 1) (catch (e) (error-message e))))
; expect: maximum recursion depth exceeded
(forever 1)
; expect-exit: 1
; expect-stderr: error[recursion]: maximum recursion depth exceeded
; expect-stderr: recursion_depth_infinite.cl:2:26
; expect-stderr: in forever
; expect-stderr: [previous line repeated
