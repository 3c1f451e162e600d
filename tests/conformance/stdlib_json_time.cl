;; json-parse / json-stringify and the datetime functions.
(define data (json-parse "{\"name\": \"cl\", \"tags\": [1, 2.5, null, true], \"nested\": {\"k\": \"v\"}}"))
(io:print data)
; expect: {"name" "cl" "tags" [1 2.5 nil #t] "nested" {"k" "v"}}
(io:print (dict-get (dict-get data "nested") "k") (json-stringify {"a" [1 #t nil] :b "x"}))
; expect: v {"a":[1,true,null],"b":"x"}
(io:print (= (json-parse (json-stringify data)) data))
; expect: #t
(io:print (try (json-parse "{") (catch (e) (error-message e))))
; expect: json-parse: invalid JSON at line 1 column 2: Expecting property name enclosed in double quotes
(io:print (datetime:year "2024-05-01") (datetime:month "2024-05-01") (datetime:day "2024-05-01"))
; expect: 2024 5 1
(io:print (datetime:iso-format (datetime:add-days "2024-02-28" 2)) (datetime:add-days "2024-12-31" 1))
; expect: 2024-03-01T00:00:00 #<datetime 2025-01-01T00:00:00>
(io:print (handler ((time:now (lambda () 0.0))) (< (datetime:year (datetime:now)) 1971)))
; expect: #t
