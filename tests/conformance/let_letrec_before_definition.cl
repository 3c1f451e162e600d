;; LANGUAGE.md 1.1 §3: let is letrec*. An init may refer to its own binding from inside a
;; function; calling that function before the init has finished is a runtime error at the
;; reference.
(define (twice f) (lambda (x) (f (f x))))
(let ((add2 (twice (lambda (n) (+ n 1)))) (fact (memoize (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))))
  (io:print (add2 1) (fact 10)))
; expect: 3 3628800
(define (call f) (f))
(let ((g (call (lambda () g))))
  (io:print g))
; expect-exit: 1
; expect-stderr: error[unbound-name]: 'g' used before its definition
; expect-stderr: let_letrec_before_definition.cl:9:27
