;; List patterns: [], [x], [x y], [x y ...rest] and [x, ... rest].
(define (shape lst)
  (match lst
    ([] "empty")
    ([x] (string-append "one: " (to-string x)))
    ([x y] (string-append "two: " (to-string (+ x y))))
    ([x y ...rest] (string-append "many, rest " (to-string rest)))))
(io:print (map shape [[] [7] [1 2] [1 2 3 4]]))
; expect: ["empty" "one: 7" "two: 3" "many, rest [3 4]"]
(io:print (match [1 2 3] ([x, ... rest] rest)) (match [1] ([x ... rest] rest)) (match [1 2] ([a ...b] b)))
; expect: [2 3] [] [2]
(io:print (match [1 2 3] ([first-one ..._] first-one)) (match [1 2] ([...all] all)))
; expect: 1 [1 2]
(io:print (match "not a list" ([] :list) (_ :other)) (match (tuple 1) ([x] :list) (_ :tuple-is-not-a-list)))
; expect: :other :tuple-is-not-a-list
(define (sum lst) (match lst ([] 0) ([h ...t] (+ h (sum t)))))
(io:print (sum (range 101)))
; expect: 5050
