;; Booleans (#t #f true false) and nil; only #f and nil are false.
(io:print #t #f true false nil)
; expect: #t #f #t #f nil
(io:print (if 0 "0 is true" "0 is false") (if "" "empty string is true" "no") (if [] "[] is true" "no"))
; expect: 0 is true empty string is true [] is true
(io:print (if nil "yes" "nil is false") (if #f "yes" "#f is false"))
; expect: nil is false #f is false
(io:print (= true #t) (= false #f) (nil? nil) (nil? #f) (bool? nil))
; expect: #t #t #t #f #f
