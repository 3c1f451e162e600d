;; A constructor called with the wrong number of fields is an arity error.
(data Shape (Circle r) (Rect w h))
(io:print (try (Rect 1) (catch (e) (error-message e))))
; expect: Rect: expected 2 arguments, got 1
(io:print (try (Circle 1 2) (catch (e) (error-message e))))
; expect: Circle: expected 1 argument, got 2
(Rect 1 2 3)
; expect-exit: 1
; expect-stderr: error[arity]: Rect: expected 2 arguments, got 3
; expect-stderr: data_arity.cl:7:1
