;; Fixture: `(import "pkg" ...)` finds pkg/module.cl.
(module pkg (export pkg-name)
  (define pkg-name "the pkg package"))
