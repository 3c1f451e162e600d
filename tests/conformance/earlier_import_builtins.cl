;; Importing builtins by group, as earlier programs did: no file math, string or list
;; exists next to this program, so the import names the standard library's groups.
(import "math" (sin cos sqrt pi [abs as magnitude]))
(import "string" (string-upper string-join))
(import "list" (map range))
(import "io" (println))

(define (hypot a b) (sqrt (+ (* a a) (* b b))))
(println "hypot 3 4 =" (hypot 3 4))
; expect: hypot 3 4 = 5.0
(println "sin 0 =" (sin 0) "cos 0 =" (cos 0))
; expect: sin 0 = 0.0 cos 0 = 1.0
(println "pi > 3:" (> pi 3) "magnitude -7:" (magnitude -7))
; expect: pi > 3: #t magnitude -7: 7
(println (string-upper (string-join (map (lambda (i) (to-string (* i i))) (range 1 5)) ", ")))
; expect: 1, 4, 9, 16

;; the whole group at once
(import "json" *)
(println (json-stringify (json-parse "{\"a\": [1, 2]}")))
; expect: {"a":[1,2]}
