;; Fixture: found through the importing folder's `modules/` subfolder.
(module util (export twice)
  (define (twice f x) (f (f x))))
