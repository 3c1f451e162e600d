;; Fixture: the importing folder comes before its modules/ subfolder.
(module which (export where)
  (define where "folder itself"))
