;; A module as earlier releases wrote it: no export list, so every definition is exported.
(module shapes
  (define (square-area side) (* side side))
  (define (rect-area w h) (* w h))
  (data Shape (Sq side) (Rect w h)))
