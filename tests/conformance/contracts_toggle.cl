;; (disable-contract-checking!) and (enable-contract-checking!) switch checking at run time.
(spec:contract pos :requires [(> x 0)])
(define (pos x) x)
(disable-contract-checking!)
(io:print (pos -1))
; expect: -1
(enable-contract-checking!)
(io:print (try (pos -1) (catch (e) :checked-again)))
; expect: :checked-again
(disable-contract-checking!)
(io:print (: "not an int" Int))
; expect: not an int
(enable-contract-checking!)
