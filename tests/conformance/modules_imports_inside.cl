;; A module's own imports (written before its module form) are visible inside it.
(import "lib/uses_math" (sum-of-squares))
(io:print (sum-of-squares 3 4))
; expect: 25
(import "lib/let_export" (counter-start))
(io:print counter-start)
; expect: 20
