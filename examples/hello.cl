;; A tour of ClaudeLang: run it with `claudelang run examples/hello.cl`.

(define (greet name) (string-append "Hello, " name "!"))
(io:print (greet "ClaudeLang"))

;; %% Recursion and tail calls
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(io:print "fib(20) =" (fib 20))
(io:print "a million iterations:" (let loop ((i 0)) (if (< i 1000000) (loop (+ i 1)) i)))

;; %% Data types and pattern matching
(data Shape (Circle r) (Rect w h))
(define (area shape)
  (match shape
    ((Circle r) (* 3.14159 r r))
    ((Rect w h) (* w h))))
(io:print "areas:" (map area [(Circle 1.0) (Rect 2 3)]))

;; %% Contracts
(spec:contract safe-div
  :requires [(number? x) (number? y) (!= y 0)]
  :ensures [(number? result)])
(define (safe-div x y) (/ x y))
(io:print "(safe-div 10 4) =" (safe-div 10 4))
(io:print "caught:" (try (safe-div 1 0) (catch (e) (error-message e))))

;; %% Effects with handlers: test code without real randomness
(define (roll) (random:int 1 6))
(io:print "rolled" (handler ((random:int (lambda (lo hi) 4))) (roll)))
