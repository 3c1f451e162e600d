;; The first matching clause wins; bodies may hold several forms.
(define (pick v)
  (match v
    ([x] :single)
    ([1 ...r] :starts-with-one)
    ([...r] :any-list)
    (_ :not-a-list)))
(io:print (pick [1]) (pick [1 2]) (pick [2 2]) (pick 5))
; expect: :single :starts-with-one :any-list :not-a-list
(io:print (match 3 (n (io:print "matched" n) (* n n))))
; expect: matched 3
; expect: 9
(io:print (match 3 (_ :first) (3 :second)))
; expect: :first
