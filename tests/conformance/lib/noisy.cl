;; Fixture: prints when it loads, so loading twice would show.
(io:print "loading noisy")
(module noisy (export ping)
  (define (ping) :pong))
