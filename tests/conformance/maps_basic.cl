;; Maps: immutable, insertion-ordered; every update returns a new map.
(define m {"a" 1 :b 2})
(io:print m (dict-get m "a") (dict-get m :zz) (dict-get m :zz 0) (dict-get-or m :b 9))
; expect: {"a" 1 :b 2} 1 nil 0 2
(define m2 (dict-set m :c 3))
(io:print m2 m (dict-remove m2 "a") (dict-has? m2 :c) (dict-has? m :c))
; expect: {"a" 1 :b 2 :c 3} {"a" 1 :b 2} {:b 2 :c 3} #t #f
(io:print (dict-keys m2) (dict-values m2) (dict-items m) (dict-size m2))
; expect: ["a" :b :c] [1 2 3] [["a" 1] [:b 2]] 3
(io:print (dict-merge {:a 1 :b 2} {:b 20 :c 30}) (dict-new "x" 1 :y 2) (dict-new))
; expect: {:a 1 :b 20 :c 30} {"x" 1 :y 2} {}
(io:print (dict-set {:a 1} :a 5) (map? m) (map? []))
; expect: {:a 5} #t #f
