;; let* and letrec are aliases of let.
(io:print (let* ((x 1) (y (+ x 1))) (* x y)))
; expect: 2
(io:print (letrec ((f (lambda (n) (if (= n 0) :done (f (- n 1)))))) (f 3)))
; expect: :done
(io:print (letrec ((a 1) (b (+ a 1))) b) (let* () :empty))
; expect: 2 :empty
