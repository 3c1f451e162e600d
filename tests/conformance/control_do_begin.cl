;; do and begin evaluate in order and give the last value.
(io:print (do 1 2 3) (begin :x) (do))
; expect: 3 :x nil
(define r (begin (io:print "first") (io:print "second") 42))
; expect: first
; expect: second
(io:print r)
; expect: 42
(io:print (do (define inner 5) (+ inner 1)) inner)
; expect: 6 5
