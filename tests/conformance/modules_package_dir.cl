;; "path" tries path.cl, then path/module.cl.
(import "pkg" (pkg-name))
(io:print pkg-name)
; expect: the pkg package
