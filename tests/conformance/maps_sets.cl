;; Sets: immutable and insertion-ordered.
(define s (set-new 1 2 2 3))
(io:print s (set-has? s 2) (set-has? s 9) (set-to-list s))
; expect: #{1 2 3} #t #f [1 2 3]
(io:print (set-add s 4) (set-add s 1) s)
; expect: #{1 2 3 4} #{1 2 3} #{1 2 3}
(io:print (set-union (set-new 1 2) (set-new 2 3)) (set-intersection (set-new 1 2) (set-new 2 3)))
; expect: #{1 2 3} #{2}
(io:print (set-difference (set-new 1 2 3) (set-new 2)) (set-from-list [3 1 3]))
; expect: #{1 3} #{3 1}
(io:print (= (set-new 1 2) (set-new 2 1)) (member? 2 (set-new 1 2)))
; expect: #t #t
