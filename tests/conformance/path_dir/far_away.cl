;; Fixture: found only through CLAUDELANG_PATH.
(module far-away (export far-value)
  (define far-value 99))
