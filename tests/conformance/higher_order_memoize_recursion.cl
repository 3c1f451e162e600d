;; memoize with a recursive closure: fib(80) is quick when the recursion goes through the cache.
(define fib
  (memoize (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))))
(io:print (fib 80))
; expect: 23416728348467685
(define (count-paths r c) (if (or (= r 0) (= c 0)) 1 (+ (paths (- r 1) c) (paths r (- c 1)))))
(define paths (memoize count-paths))
(io:print (paths 16 16))
; expect: 601080390
