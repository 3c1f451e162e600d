;; A contract attaches to its function whether it comes before or after the definition,
;; and to a later redefinition.
(spec:contract before :requires [(> n 0)])
(define (before n) n)
(define (after n) n)
(io:print (after -1))
; expect: -1
(spec:contract after :requires [(> n 0)])
(io:print (try (before -1) (catch (e) :before-checked)) (try (after -1) (catch (e) :after-checked)))
; expect: :before-checked :after-checked
(define (after n) (* n 2))
(io:print (after 2) (try (after -1) (catch (e) :still-checked)))
; expect: 4 :still-checked
(define (recurse n) (if (= n 0) :bottom (+ 0 (recurse-helper (- n 1)))))
(define (recurse-helper n) (if (= n 0) 0 (recurse (- n 1))))
(spec:contract recurse :requires [(>= n 0)])
(io:print (try (recurse -2) (catch (e) :negative-rejected)))
; expect: :negative-rejected
