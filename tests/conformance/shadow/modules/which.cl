;; Fixture: shadowed by ../which.cl.
(module which (export where)
  (define where "modules subfolder"))
