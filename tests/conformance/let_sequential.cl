;; let bindings are sequential: later bindings see earlier ones; a value that is not a lambda
;; sees the bindings before it, not itself (`(let ((v (+ v 1))) v)` reads the outer v).
(io:print (let ((x 1) (y (+ x 1)) (z (* y 10))) [x y z]))
; expect: [1 2 20]
(define x 100)
(io:print (let ((x 1) (y x)) y) x)
; expect: 1 100
(io:print (let () 5) (let ((a 1)) (io:print "body") (+ a 1)))
; expect: body
; expect: 5 2
(io:print (try (let ((v (+ v 1))) v) (catch (e) (error-message e))))
; expect: unbound name 'v'
(define v 10)
(io:print (let ((v (+ v 1)) (w (* v 2))) [v w]) v)
; expect: [11 22] 10
