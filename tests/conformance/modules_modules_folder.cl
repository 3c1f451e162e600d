;; A path is also looked up in the importing file's folder's modules/ subfolder.
(import "util" (twice))
(io:print (twice (lambda (x) (* x 10)) 2))
; expect: 200
