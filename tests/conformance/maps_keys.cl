;; Map keys follow ClaudeLang equality: 1 and 1.0 are one key (the latest one written is kept), #t and 1 are two.
(define m (dict-set (dict-set {} 1 "int") 1.0 "float"))
(io:print m (dict-size m))
; expect: {1.0 "float"} 1
(define b (dict-set (dict-set {} #t "bool") 1 "one"))
(io:print b (dict-size b))
; expect: {#t "bool" 1 "one"} 2
(define lk {[1 2] :pair (tuple 1 2) :tuple})
(io:print (dict-get lk [1 2]) (dict-get lk (tuple 1 2)))
; expect: :pair :tuple
(io:print (dict-keys {:z 1 :a 2 :m 3}))
; expect: [:z :a :m]
