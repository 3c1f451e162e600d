(import "../lib/math" (square [factorial as fact]))

;; %% Helpers
; Add two numbers.
(define (add a b) (+ a b))

(spec:contract add :requires [(number? a)] :ensures [(number? result)])

(define (shout msg) (io:print (string-upcase msg)))

;; %% Main
(define total (add (square 3) (fact 4)))
(shout "done")
