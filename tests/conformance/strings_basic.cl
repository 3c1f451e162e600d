;; String builtins; substring's end is exclusive, string-split keeps empty fields.
(define s "Hello, World")
(io:print (string-length s) (substring s 0 5) (substring s 7 12))
; expect: 12 Hello World
(io:print (string-split "a,b,,c" ",") (string-split "a b  c") (string-split "abc" ""))
; expect: ["a" "b" "" "c"] ["a" "b" "c"] ["a" "b" "c"]
(io:print (string-join ["a" "b" "c"] ", ") (string-join ["x" "y"]) (string-trim "  hi  "))
; expect: a, b, c xy hi
(io:print (string-upper "abc") (string-lower "ABC") (string-upcase "x") (string-downcase "Y"))
; expect: ABC abc X y
(io:print (string-contains? s "World") (string-starts-with? s "Hell") (string-ends-with? s "x"))
; expect: #t #t #f
(io:print (string-replace "a-b-c" "-" "+") (reverse "abc"))
; expect: a+b+c cba
(io:print (try (substring "abc" 2 5) (catch (e) (error-message e))))
; expect: substring: range 2..5 out of bounds for length 3
