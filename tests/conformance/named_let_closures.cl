;; Closures made inside a named-let loop capture each iteration's own values.
(define (make-fns n)
  (let loop ((i 0) (acc []))
    (if (< i n)
        (loop (+ i 1) (cons (lambda () i) acc))
        acc)))
(io:print (map (lambda (f) (f)) (make-fns 4)))
; expect: [3 2 1 0]
(define (adders)
  (let loop ((k 1) (fs []))
    (if (> k 3) fs (loop (+ k 1) (append fs [(lambda (x) (+ x k))])))))
(io:print (map (lambda (f) (f 100)) (adders)))
; expect: [101 102 103]
(io:print (let loop ((i 0) (fs [])) (if (= i 3) (map (lambda (f) (f)) fs) (loop (+ i 1) (cons (lambda () (* i i)) fs)))))
; expect: [4 1 0]
