(define (square x) (* x x))
; <- punctuation.bracket
;^^^^^ keyword
;       ^^^^^^ function
;              ^ variable.parameter
;                   ^ operator
