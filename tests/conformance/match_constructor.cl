;; Constructor patterns: (Some v), (None) and bare None.
(data Option a (None) (Some a))
(define (get-or opt default)
  (match opt
    ((Some v) v)
    (None default)))
(io:print (get-or (Some 5) 0) (get-or None 0) (get-or (None) 0))
; expect: 5 0 0
(io:print (match None ((None) :paren-form)) (match (None) (None :bare-form)))
; expect: :paren-form :bare-form
(data Shape (Circle r) (Rect w h) (Dot))
(define (area s)
  (match s
    ((Circle r) (* 3 r r))
    ((Rect w h) (* w h))
    (Dot 0)))
(io:print (map area [(Circle 2) (Rect 3 4) Dot]))
; expect: [12 12 0]
(io:print (match (Rect 1 2) ((Circle _) :circle) ((Rect _ _) :rect)))
; expect: :rect
(io:print (match (Some 1) ((Rect a b) :rect) (_ :not-a-rect)))
; expect: :not-a-rect
