;; Tail position reaches through cond, when, unless, let, do, match and nested ifs.
(define (via-cond n) (cond ((= n 0) :cond) (else (via-cond (- n 1)))))
(define (via-when n) (if (= n 0) :when (when #t (via-when (- n 1)))))
(define (via-unless n) (if (= n 0) :unless (unless #f (via-unless (- n 1)))))
(define (via-let n) (if (= n 0) :let (let ((m (- n 1))) (via-let m))))
(define (via-do n) (if (= n 0) :do (do (via-do (- n 1)))))
(define (via-match n) (match n (0 :match) (_ (via-match (- n 1)))))
(define (via-and n) (if (= n 0) :nested (if (> n 0) (if #t (via-and (- n 1)) :no) :no)))
(io:print (via-cond 300000) (via-when 300000) (via-unless 300000) (via-let 300000))
; expect: :cond :when :unless :let
(io:print (via-do 300000) (via-match 300000) (via-and 300000))
; expect: :do :match :nested
