;; :pre and :post are aliases of :requires and :ensures.
(spec:contract sq :pre [(> x 0)] :post [(> result 100)])
(define (sq x) (* x x))
(io:print (sq 11))
; expect: 121
(io:print (try (sq 5) (catch (e) (error-message e))))
; expect: contract violation: sq: postcondition (> result 100) failed (result: 25)
(io:print (try (sq -5) (catch (e) (error-message e))))
; expect: contract violation: sq: precondition (> x 0) failed (arguments: -5)
