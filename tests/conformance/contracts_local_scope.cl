;; A contract inside a body attaches to the local function of that name in the same body,
;; before or after its define, and never to a global of the same name.
(define (outer n)
  (spec:contract helper :requires [(> x 0)])
  (define (helper x) (* x 2))
  (helper n))
(io:print (outer 2) (try (outer -1) (catch (e) (error-message e))))
; expect: 4 contract violation: helper: precondition (> x 0) failed (arguments: -1)
(define (outer2 n)
  (define (helper x) (* x 3))
  (spec:contract helper :ensures [(< result 10)])
  (helper n))
(io:print (outer2 2) (try (outer2 5) (catch (e) (error-message e))))
; expect: 6 contract violation: helper: postcondition (< result 10) failed (result: 15)
(define (helper x) x)
(io:print (helper -5))
; expect: -5
