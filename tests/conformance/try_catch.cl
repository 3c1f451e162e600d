;; try/catch: the catch clause binds the error value; error-message and error-data read it.
(io:print (try (error:raise "boom") (catch (e) (error-message e))))
; expect: boom
(io:print (try (error:raise "with data" {:code 7}) (catch (e) [(error-message e) (error-data e)])))
; expect: ["with data" {:code 7}]
(io:print (try (error "alias") (catch (e) (error-message e))) (try 5 (catch (e) :unused)))
; expect: alias 5
(io:print (try (/ 1 0) (catch (err) (error? err))) (error? "string"))
; expect: #t #f
(io:print (try (try (error "inner") (catch (e) (error (string-append "outer: " (error-message e))))) (catch (e) (error-message e))))
; expect: outer: inner
(define (safe f) (try (f) (catch (e) :failed)))
(io:print (safe (lambda () 1)) (safe (lambda () (head []))))
; expect: 1 :failed
(io:print (try (io:print "before") (error "stop") (io:print "never") (catch (e) (error-message e))))
; expect: before
; expect: stop
(io:print (try (error-data (try (error "no data") (catch (e) e))) (catch (e) :x)))
; expect: nil
