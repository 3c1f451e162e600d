;; identity, compose, partial, apply and memoize work with closures, builtins and constructors.
(data Box (Box v))
(define (inc x) (+ x 1))
(define scale (lambda (k) (lambda (x) (* k x))))
(io:print (identity 5) ((compose inc inc) 1) ((compose (scale 10) inc) 1) ((compose) 7))
; expect: 5 3 20 7
(io:print ((compose Box inc) 1) ((compose string-upper to-string) :kw) ((compose - +) 1 2))
; expect: (Box 2) :KW -3
(io:print ((partial + 1 2) 3) ((partial (scale 3)) 5) ((partial Box) 9) ((partial list 1) 2 3))
; expect: 6 15 (Box 9) [1 2 3]
(io:print (apply + 1 2 [3 4]) (apply inc [1]) (apply (scale 2) [21]) (apply Box [0]) (apply list []))
; expect: 10 2 42 (Box 0) []
(define calls (state:new 0))
(define slow-square (lambda (x) (state:update calls (lambda (n) (+ n 1))) (* x x)))
(define fast-square (memoize slow-square))
(io:print (fast-square 4) (fast-square 4) (fast-square 5) (state:get calls))
; expect: 16 16 25 2
(io:print (map (memoize inc) [1 1 2]) ((memoize Box) 1) ((memoize +) 1 2))
; expect: [2 2 3] (Box 1) 3
