;; Calling a contracted function with the wrong number of arguments is an arity error.
(spec:contract two :requires [(> a b)])
(define (two a b) (- a b))
(io:print (try (two 1) (catch (e) (error-message e))))
; expect: two: expected 2 arguments, got 1
(spec:contract many :requires [(> (length xs) 0)])
(define (many first-one ...xs) xs)
(io:print (many 1 2) (try (many 1) (catch (e) :needs-more)) (try (many) (catch (e) (error-message e))))
; expect: [2] :needs-more many: expected at least 1 argument, got 0
