;; (import "path" *) binds every export.
(import "lib/math" *)
(io:print (square 4) (cube 3) (factorial 4))
; expect: 16 27 24
(io:print (try hidden (catch (e) :private-stays-private)))
; expect: :private-stays-private
