;; Building and reading lists; head/tail are strict, first/rest forgiving.
(define xs [10 20 30])
(io:print (list 1 2 3) (cons 0 xs) (head xs) (tail xs) (car xs) (cdr xs))
; expect: [1 2 3] [0 10 20 30] 10 [20 30] 10 [20 30]
(io:print (first xs) (second xs) (last xs) (rest xs) (nth xs 2))
; expect: 10 20 30 [20 30] 30
(io:print (first []) (last []) (rest []) (second [1]))
; expect: nil nil [] nil
(io:print (length xs) (length []) (empty? []) (empty? xs) (null? []) (null? nil) (null? xs))
; expect: 3 0 #t #f #t #t #f
(io:print xs)
; expect: [10 20 30]
(io:print (try (head []) (catch (e) (error-message e))) (try (nth xs 3) (catch (e) (error-message e))))
; expect: head: empty list nth: index 3 out of range for length 3
