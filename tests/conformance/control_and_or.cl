;; and / or short-circuit and return the deciding value.
(io:print (and 1 2 3) (and 1 #f 3) (and 1 nil 3) (and) (and 5))
; expect: 3 #f nil #t 5
(io:print (or #f nil) (or #f 2 3) (or nil #f) (or) (or 0 1))
; expect: nil 2 #f #f 0
(define (boom) (io:print "evaluated!") #t)
(io:print (and #f (boom)) (or 1 (boom)))
; expect: #f 1
(io:print (and #t (boom)))
; expect: evaluated!
; expect: #t
(io:print (or (> 1 2) (< 1 2)) (and (number? 1) (> 1 0)))
; expect: #t #t
