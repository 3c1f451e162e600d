;; Keywords are self-evaluating; quoted symbols and lists are values.
(io:print :name (keyword? :name) (= :a :a) (= :a :b))
; expect: :name #t #t #f
(io:print 'sym (symbol? 'sym) (= 'a 'a) (string? 'a))
; expect: sym #t #t #f
(io:print '(a (b)) '(1 "two" :three 4.0 nil #t))
; expect: [a [b]] [1 "two" :three 4.0 nil #t]
(io:print (quote (x y)) (length '(1 2 3)) (head '(f 1)))
; expect: [x y] 3 f
(io:print '{:k v} '[1 [2]] '())
; expect: {:k v} [1 [2]] []
(io:print 'io:print 'string->list 'empty? '...rest '+)
; expect: io:print string->list empty? ...rest +
