;; finally always runs, after the body or after the catch; its value is not the result.
(io:print (try 1 (finally (io:print "finally after body"))))
; expect: finally after body
; expect: 1
(io:print (try (error "x") (catch (e) 2) (finally (io:print "finally after catch"))))
; expect: finally after catch
; expect: 2
(io:print (try (try (error "escapes") (finally (io:print "cleanup"))) (catch (e) (error-message e))))
; expect: cleanup
; expect: escapes
(define log (state:new []))
(define (note x) (state:update log (lambda (l) (append l [x]))))
(try (note :body) (catch (e) (note :catch)) (finally (note :finally)))
(try (do (note :body2) (error "e")) (catch (e) (note :catch2)) (finally (note :finally2)))
(io:print (state:get log))
; expect: [:body :finally :body2 :catch2 :finally2]
