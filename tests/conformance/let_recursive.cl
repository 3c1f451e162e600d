;; A let binding whose value is a lambda is recursive (letrec*), also mutually.
(io:print (let ((fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))) (fib 10)))
; expect: 55
(io:print
  (let ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1)))))
        (od? (lambda (n) (if (= n 0) #f (ev? (- n 1))))))
    [(ev? 10) (od? 7) (ev? 3)]))
; expect: [#t #t #f]
(define (count-down n)
  (let ((loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (cons i acc))))))
    (loop n [])))
(io:print (count-down 5))
; expect: [1 2 3 4 5]
(io:print (let ((fact (lambda (n) (if (= n 0) 1 (* n (fact (- n 1))))))) (map fact [0 5 10])))
; expect: [1 120 3628800]
