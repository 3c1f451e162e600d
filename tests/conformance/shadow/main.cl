;; Fixture: imported from ../modules_resolution_order.cl; resolves names from its own folder.
(import "which" ([where as which-where]))
(import "only_here" ([where as only-where]))
(module shadow-main (export report)
  (define report [which-where only-where]))
