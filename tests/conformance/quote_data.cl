;; quote turns code into data: symbols, lists, nested quotes; quoted lists are ordinary lists.
(define code '(+ 1 (* 2 3)))
(io:print code (head code) (symbol? (head code)) (length code) (nth code 2))
; expect: [+ 1 [* 2 3]] + #t 3 [* 2 3]
(io:print (= 'a 'a) (= 'a "a") (= '(1 2) [1 2]) (quote nil) (quote 5) ''x)
; expect: #t #f #t nil 5 [quote x]
(define (evaluate expr)
  (if (list? expr)
      (let ((op (head expr)) (args (map evaluate (tail expr))))
        (cond ((= op '+) (apply + args))
              ((= op '*) (apply * args))
              (else (error "unknown operator"))))
      expr))
(io:print (evaluate code) (evaluate '(* (+ 1 1) (+ 2 3))))
; expect: 7 10
