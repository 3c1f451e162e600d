;; Fixture: a module exporting definitions (LANGUAGE.md §7).
(module math (export square cube factorial)
  (define (square x) (* x x))
  (define (cube x) (* x (square x)))
  (define (factorial n) (if (= n 0) 1 (* n (factorial (- n 1)))))
  (define hidden 42))
