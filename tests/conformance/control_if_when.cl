;; if (else defaults to nil), when and unless.
(io:print (if #t 1 2) (if #f 1 2) (if #f 1) (if nil 1 2) (if 0 "zero" "no"))
; expect: 1 2 nil 2 zero
(io:print (when (> 2 1) (io:print "in when") :done) (when #f :never))
; expect: in when
; expect: :done nil
(io:print (unless #f :ran) (unless #t :never))
; expect: :ran nil
(define (sign n) (if (< n 0) -1 (if (> n 0) 1 0)))
(io:print (map sign [-3 0 8]))
; expect: [-1 0 1]
(io:print (if (if #f #f #t) (if nil :a :b) :c))
; expect: :b
