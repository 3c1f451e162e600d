;; Modules of earlier releases (LANGUAGE.md 1.1 §10): no export list, (export ...) in the body,
;; and (import "m") giving qualified names m.x and m:x.
(import "shapes_old" (square-area rect-area Rect))
(io:print (square-area 3) (rect-area 2 5) (Rect 1 2))
; expect: 9 10 (Rect 1 2)
(import "counter_old")
(io:print counter_old.start (counter_old:next 41))
; expect: 100 42
(import "counter_old" (next))
(io:print (next 1))
; expect: 2
