;; A caught error value can be raised again; errors from inside functions propagate up.
(define (risky n) (if (> n 2) (error:raise "too big" n) n))
(define (checked n) (try (risky n) (catch (e) (error:raise e))))
(io:print (try (checked 5) (catch (e) [(error-message e) (error-data e)])))
; expect: ["too big" 5]
(io:print (map (lambda (n) (try (risky n) (catch (e) :caught))) [1 2 3]))
; expect: [1 2 :caught]
(define saved (try (risky 9) (catch (e) e)))
(io:print (error-message saved) (error? saved))
; expect: too big #t
(checked 10)
; expect-exit: 1
; expect-stderr: error[user]: too big
