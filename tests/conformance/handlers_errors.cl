;; A handler clause must name a known effect kind and be a function.
(io:print (try (handler ((bogus:op (lambda () 1))) 1) (catch (e) (error-message e))))
; expect: handler: unknown effect kind 'bogus' in clause 'bogus:op' (kinds: io state error time random network)
(io:print (try (handler ((io:print 5)) (io:print 1)) (catch (e) (error-message e))))
; expect: handler clause io:print: expected a function, got 5 (int)
(handler ((nope (lambda () 1))) 1)
; expect-exit: 1
; expect-stderr: error[effect]: handler: unknown effect kind 'nope'
; expect-stderr: handlers_errors.cl:6:1
