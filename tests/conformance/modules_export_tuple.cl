;; The compatibility export style: the body's final tuple gives the exports in order.
(import "lib/pair" (make-pair pair-first pair-second))
(define p (make-pair 1 2))
(io:print p (pair-first p) (pair-second p))
; expect: [1 2] 1 2
