;; :pure, :complexity and :doc are for the analyzer and the editor; they do not change running.
(spec:contract chatty :pure #t :complexity "O(n)" :doc "prints while it works")
(define (chatty n) (io:print "working on" n) (* n 2))
(io:print (chatty 21))
; expect: working on 21
; expect: 42
(spec:contract documented :unknown-clause 1 :requires [(string? s)])
(define (documented s) (string-upper s))
(io:print (documented "ok") (try (documented 1) (catch (e) :requires-still-works)))
; expect: OK :requires-still-works
