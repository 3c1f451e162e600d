;; Importing listed names from a module that defines its exports; others stay private.
(import "lib/math" (square cube factorial))
(io:print (square 3) (cube 2) (factorial 5))
; expect: 9 8 120
(io:print (try hidden (catch (e) (error-message e))))
; expect: unbound name 'hidden'
