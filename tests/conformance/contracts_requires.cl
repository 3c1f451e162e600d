;; :requires clauses are checked before each call and may refer to the parameters.
(spec:contract safe-div
  :requires [(number? x) (number? y) (!= y 0)]
  :ensures [(number? result)]
  :complexity "O(1)"
  :pure #t)
(define (safe-div x y) (/ x y))
(io:print (safe-div 10 4) (safe-div 9 3))
; expect: 2.5 3
(io:print (try (safe-div 1 0) (catch (e) (error-message e))))
; expect: contract violation: safe-div: precondition (!= y 0) failed (arguments: 1 0)
(io:print (try (safe-div "a" 1) (catch (e) (error-message e))))
; expect: contract violation: safe-div: precondition (number? x) failed (arguments: "a" 1)
(spec:contract single :requires (> n 0))
(define (single n) n)
(io:print (single 1) (try (single 0) (catch (e) (error-message e))))
; expect: 1 contract violation: single: precondition (> n 0) failed (arguments: 0)
