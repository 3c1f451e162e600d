;; Effects as earlier ClaudeLang releases wrote them (LANGUAGE.md 1.1 §10): kind and operation
;; as separate symbols, keywords or strings, or the operation as a call inside the effect.
(effect io print "hello" "world")
; expect: hello world
(effect :io print "keyword kind")
; expect: keyword kind
(effect io "print" "string op")
; expect: string op
(effect :io (print "nested call" 42))
; expect: nested call 42
(define (safe-div a b)
  (if (= b 0) (effect error "cannot divide by zero") (/ a b)))
(io:print (safe-div 10 2) (try (safe-div 1 0) (catch (e) (error-message e))))
; expect: 5 cannot divide by zero
(io:print (try (effect error raise "raised the old way") (catch (e) (error-message e))))
; expect: raised the old way
(define (greet who) (effect io print "hi" who))
(io:print (handler ((io:print (lambda (...words) (length words)))) (greet "ann")))
; expect: 2
