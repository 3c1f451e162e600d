;; time and random effects: values vary, so only their shapes are checked.
(io:print (float? (time:now)) (> (time:now) 1600000000))
; expect: #t #t
(define m (time:measure (lambda () (+ 1 2))))
(io:print (first m) (float? (second m)) (>= (second m) 0))
; expect: 3 #t #t
(io:print (time:sleep 0.001))
; expect: nil
(define rolls (map (lambda (i) (random:int 1 6)) (range 200)))
(io:print (all? (lambda (r) (and (>= r 1) (<= r 6))) rolls) (= (sort (list-unique rolls)) [1 2 3 4 5 6]))
; expect: #t #t
(define f (random:float))
(io:print (and (>= f 0) (< f 1)) (member? (random:choice [:a :b]) [:a :b]))
; expect: #t #t
(random:seed 7)
(define first-draw (map (lambda (i) (random:int 1 1000)) (range 5)))
(random:seed 7)
(io:print (= first-draw (map (lambda (i) (random:int 1 1000)) (range 5))))
; expect: #t
