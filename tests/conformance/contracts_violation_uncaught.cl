;; An uncaught contract violation names the function and the clause's source text.
(spec:contract withdraw
  :requires [(>= balance amount) (> amount 0)])
(define (withdraw balance amount) (- balance amount))
(io:print (withdraw 100 30))
; expect: 70
(withdraw 10 50)
; expect-exit: 1
; expect-stderr: error[contract]: contract violation: withdraw: precondition (>= balance amount) failed (arguments: 10 50)
; expect-stderr: contracts_violation_uncaught.cl:7:1
