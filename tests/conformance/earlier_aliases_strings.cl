;; String building as earlier programs wrote it: str, str-concat, println, io:print-line,
;; int->string, number->string and string->int.

(define (greet name age)
  (str "Hello, " name "! You are " age " years old."))
(println (greet "Ada" 36))
; expect: Hello, Ada! You are 36 years old.

;; str joins printed forms, strings raw; (str) is the empty string
(println (str "list: " [1 "two" :three] ", map: " {:a 1} ", nothing: " nil ", yes: " #t))
; expect: list: [1 "two" :three], map: {:a 1}, nothing: nil, yes: #t
(println "[" (str) "]" (string-length (str)))
; expect: [  ] 0
(io:print-line (str-concat "abc" 123 4.5))
; expect: abc1234.5

;; numbers to strings and back
(define total (fold + 0 (map string->int ["10" "20" "12"])))
(println "Total:" total (string? (int->string total)) (string-length (int->string total)))
; expect: Total: 42 #t 2
(println (str "pi is about " (number->string 3.14)))
; expect: pi is about 3.14
(println (string->int "not a number"))
; expect: nil

;; a report, line by line
(define items [["apples" 3 0.5] ["pears" 2 0.75]])
(for-each
  (lambda (item)
    (io:print-line (str (first item) ": " (second item) " x " (number->string (nth item 2)))))
  items)
; expect: apples: 3 x 0.5
; expect: pears: 2 x 0.75

;; the aliases are io:print, so an io:print handler captures them
(define captured
  (handler ((io:print (lambda (...xs) (string-join (map to-string xs) "|"))))
    [(println "a" 1) (io:print-line "b" 2)]))
(println captured)
; expect: ["a|1" "b|2"]

;; errors name the spelling the program used
(println (try (string->int 42) (catch (err) (error-message err))))
; expect: string->int: expected a string, got 42 (int)
