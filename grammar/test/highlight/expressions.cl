;; %% Cell title
; <- comment.cell

; a plain comment
; <- comment

(io:print "a\n" :k 1.5 nil true)
;^^^^^^^^ function.builtin
;         ^^^^^ string
;           ^^ string.escape
;               ^^ string.special.symbol
;                  ^^^ number
;                      ^^^ constant.builtin
;                          ^^^^ boolean

(map square [1, 2] {:a 1})
;^^^ function.builtin
;    ^^^^^^ variable
;           ^ punctuation.bracket
;                  ^ punctuation.bracket

(cond ((> x 0) 'pos) (else '(a b)))
;^^^^ keyword
;       ^ operator
;              ^ operator
;               ^^^ string.special.symbol
;                     ^^^^ keyword
;                            ^ variable

(match opt ((Some v) v) (_ nil))
;^^^^^ keyword
;            ^^^^ constructor
;                        ^ variable.builtin

(handler ((random:int (lambda (lo hi) 4))) (random:int 1 6))
;^^^^^^^ keyword
;          ^^^^^^^^^^ function.builtin
;                      ^^^^^^ keyword
;                              ^^ variable.parameter
;                                           ^^^^^^^^^^ function.builtin

(f x)
;^ function.call
;  ^ variable

(let ((list [1 2])) (length list))
;      ^^^^ variable
;                    ^^^^^^ function.builtin
;                           ^^^^ variable

(define (g e) (+ e pi))
;          ^ variable.parameter
;                ^ variable.parameter
;                  ^^ constant.builtin
