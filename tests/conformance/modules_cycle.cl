;; An import cycle is an error that names the cycle.
(io:print "before the import")
; expect: before the import
(import "cycle/a" (a-value))
; expect-exit: 1
; expect-stderr: error[import]: import cycle: a.cl -> b.cl -> a.cl
; expect-stderr: modules_cycle.cl:4:9
