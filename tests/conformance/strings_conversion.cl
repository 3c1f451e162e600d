;; Conversions between strings, lists and numbers; the concatenation family.
(io:print (string->list "abc") (list->string ["a" "b" "c"]))
; expect: ["a" "b" "c"] abc
(io:print (to-string 42) (to-string [1 "a"]) (to-string "raw") (to-string {:k "v"}))
; expect: 42 [1 "a"] raw {:k "v"}
(io:print (string->number "42") (string->number "-2.5") (string->number "1e3") (string->number "abc"))
; expect: 42 -2.5 1000.0 nil
(io:print (concat "ab" "cd") (string-concat "a" "b" "c") (string-append "n=" (to-string 5)) (str "n=" 5))
; expect: abcd abc n=5 n=5
(io:print (try (string-append "n=" 5) (catch (e) (error-message e))))
; expect: string-append: expected a string, got 5 (int)
(io:print (string? (to-string 1)) (= (to-string 3.0) "3.0"))
; expect: #t #t
