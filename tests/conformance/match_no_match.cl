;; No matching clause is a runtime error naming the value: catchable, fatal when uncaught.
(data Option a (None) (Some a))
(io:print (try (match 42 (0 :zero) ("s" :string)) (catch (e) (error-message e))))
; expect: no match clause matched 42 (int)
(io:print (try (match (Some "x") (None :none)) (catch (e) (error-message e))))
; expect: no match clause matched (Some "x") (Option)
(define (only-lists v) (match v ([] :empty) ([x ...r] :items)))
(io:print (only-lists []))
; expect: :empty
(only-lists {:a 1})
; expect-exit: 1
; expect-stderr: error[match]: no match clause matched {:a 1} (map)
; expect-stderr: match_no_match.cl:7:24
; expect-stderr: in only-lists
