;; io:print (alias print) writes printed forms separated by spaces; effects are also functions.
(io:print "a" 1 :k [1 "s"] nil)
; expect: a 1 :k [1 "s"] nil
(print "via alias")
; expect: via alias
(io:print)
; expect:
(effect io:print "via effect form" 2)
; expect: via effect form 2
(io:print (io:print "inner returns nil"))
; expect: inner returns nil
; expect: nil
(for-each io:print ["x" "y"])
; expect: x
; expect: y
(define p io:print)
(p "stored in a variable")
; expect: stored in a variable
(apply io:print ["applied" 3])
; expect: applied 3
