;; Importing a name the module does not export is an error at the import.
(io:print (try (import "lib/math" (square hidden)) (catch (e) (error-message e))))
; expect: module "lib/math" does not export hidden (it exports cube, factorial, square)
(import "lib/math" (nope))
(io:print "not reached")
; expect-exit: 1
; expect-stderr: error[import]: module "lib/math" does not export nope
; expect-stderr: modules_not_exported.cl:4:21
