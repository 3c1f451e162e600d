;; Fixture: only in the modules/ subfolder.
(module only-here (export where)
  (define where "modules subfolder"))
