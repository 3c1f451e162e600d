;; Fixture: the compatibility export style, a final tuple with one value per export.
(module pair (export make-pair pair-first pair-second)
  (tuple (lambda (a b) [a b]) (lambda (p) (first p)) (lambda (p) (second p))))
