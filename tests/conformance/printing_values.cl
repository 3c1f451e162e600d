;; The printed form of every kind of value (LANGUAGE.md §2).
(data Option a (None) (Some a))
(define (named x) x)
(io:print 42 -7 4.0 0.1 #t #f nil "raw string")
; expect: 42 -7 4.0 0.1 #t #f nil raw string
(io:print :keyword 'symbol [1 2 3] [] {"a" 1 :b 2} {})
; expect: :keyword symbol [1 2 3] [] {"a" 1 :b 2} {}
(io:print (tuple 1 "x") (Some 42) None (Some None))
; expect: (tuple 1 "x") (Some 42) None (Some None)
(io:print named + (lambda (x) x) Some)
; expect: #<function named> #<function +> #<function lambda> #<function Some>
(io:print (state:new [1]) (try (error "oops") (catch (e) e)) (set-new 1 2))
; expect: #<state [1]> #<error oops> #{1 2}
(io:print (to-string 42) (to-string "s") (to-string ["s"]) (to-string (Some "s")))
; expect: 42 s ["s"] (Some "s")
