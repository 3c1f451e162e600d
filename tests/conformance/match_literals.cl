;; Literal patterns: int, float, string, #t/#f, nil and keyword.
(define (describe v)
  (match v
    (0 "zero")
    (1.5 "one and a half")
    ("hi" "a greeting")
    (#t "true")
    (#f "false")
    (nil "nothing")
    (:k "keyword k")
    (_ "something else")))
(io:print (map describe [0 1.5 "hi" #t #f nil :k 7 "ho"]))
; expect: ["zero" "one and a half" "a greeting" "true" "false" "nothing" "keyword k" "something else" "something else"]
(io:print (match 1 (1.0 :float-pattern)) (match 2.0 (2 :int-pattern)))
; expect: :float-pattern :int-pattern
(io:print (match 1 (#t :true) (_ :not-true)) (match 0 (#f :false) (_ :not-false)))
; expect: :not-true :not-false
(io:print (match -3 (-3 :negative)) (match "" ("" :empty-string)))
; expect: :negative :empty-string
