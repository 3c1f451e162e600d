;; A module that cannot be found is an error naming the path.
(io:print (try (import "no/such/module" *) (catch (e) (string-starts-with? (error-message e) "cannot find module \"no/such/module\""))))
; expect: #t
(import "lib/broken" (nothing))
; expect-exit: 1
; expect-stderr: error[index]: car: empty list
; expect-stderr: broken.cl:3:19
