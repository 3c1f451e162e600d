;; Mutable pairs are not part of ClaudeLang 1.1: set-car! is named as such, not as an
;; unbound name. (Lists are immutable: build a new list instead.)
(define pair (cons 1 [2 3]))
(io:print "pair:" pair)
; expect: pair: [1 2 3]
(io:print "rebuilt:" (cons 10 (tail pair)))
; expect: rebuilt: [10 2 3]
(set-car! pair 10)
; expect-exit: 1
; expect-stderr: error[unsupported]: set-car!: mutable pairs are not supported: lists are immutable
; expect-stderr: earlier_unsupported_mutable_pairs.cl:8:2
