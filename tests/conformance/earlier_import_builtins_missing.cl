;; A name the group does not have is an import error at the import, as for a module file.
(import "math" (sqrt))
(io:print (sqrt 9))
; expect: 3.0
(import "math" (sqrt string-upper))
(io:print "not reached")
; expect-exit: 1
; expect-stderr: error[import]: module "math" does not export string-upper
; expect-stderr: earlier_import_builtins_missing.cl:5:22
