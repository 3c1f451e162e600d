;; cond: the first true test's body; `else` catches the rest; no match gives nil.
(define (classify n)
  (cond ((< n 0) :negative)
        ((= n 0) :zero)
        ((< n 10) (io:print "small") :small)
        (else :large)))
(io:print (map classify [-5 0 100]))
; expect: [:negative :zero :large]
(io:print (classify 3))
; expect: small
; expect: :small
(io:print (cond (#f 1)) (cond (nil 1) (#f 2)))
; expect: nil nil
(io:print (cond ((member? 2 [1 2]) "found")) (cond (5)) (cond (#f) (nil) ("x")))
; expect: found 5 x
(io:print (cond (0 "zero is true") (else "no")))
; expect: zero is true
