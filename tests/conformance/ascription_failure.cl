;; A failed ascription is a type error; uncaught it ends the program.
(io:print (try (: "five" Int) (catch (e) (error-message e))))
; expect: type ascription failed: expected Int, got "five" (string)
(io:print (try (: 1 Float) (catch (e) (error-message e))))
; expect: type ascription failed: expected Float, got 1 (int)
(: [1 2] Map)
; expect-exit: 1
; expect-stderr: error[type]: type ascription failed: expected Map, got [1 2] (list)
; expect-stderr: ascription_failure.cl:6:1
