;; (: expr Type) checks the value's type at run time and returns the value.
(data Option a (None) (Some a))
(io:print (: 5 Int) (: 2.5 Float) (: 3 Number) (: "s" String) (: #t Bool) (: nil Nil))
; expect: 5 2.5 3 s #t nil
(io:print (: [1 2] List) (: {:a 1} Map) (: (tuple 1) Tuple) (: + Function) (: 42 Any))
; expect: [1 2] {:a 1} (tuple 1) #<function +> 42
(io:print (: (Some 1) Option) (: None Option) (: [1 2] (List Int)) (: 7 a))
; expect: (Some 1) None [1 2] 7
(define (typed-add x y) (: (+ (: x Int) (: y Int)) Int))
(io:print (typed-add 1 2))
; expect: 3
(io:print (try (typed-add 1 "2") (catch (e) (error-message e))))
; expect: type ascription failed: expected Int, got "2" (string)
