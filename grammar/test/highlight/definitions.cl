(define (square x y) (* x y))
; <- punctuation.bracket
;^^^^^^ keyword
;        ^^^^^^ function
;               ^ variable.parameter
;                 ^ variable.parameter
;                     ^ operator
;                       ^ variable.parameter

(define answer 42)
;^^^^^^ keyword
;       ^^^^^^ variable
;              ^^ number

(define inc (lambda (n) (+ n 1)))
;       ^^^ function
;            ^^^^^^ keyword
;                    ^ variable.parameter
;                          ^ variable.parameter

(let ((a 1) (b 2)) (+ a b))
;^^^ keyword
;      ^ variable
;            ^ variable
;                     ^ variable

(let loop ((i 0)) (loop (+ i 1)))
;^^^ keyword
;    ^^^^ function
;           ^ variable
;                  ^^^^ function

(try (f) (catch (e) (error-message e)) (finally nil))
;^^^ keyword
;     ^ function.call
;         ^^^^^ keyword
;                ^ variable.parameter
;                    ^^^^^^^^^^^^^ function.builtin
;                                  ^ variable.parameter
;                                       ^^^^^^^ keyword
;                                               ^^^ constant.builtin

(data Option a (None) (Some a))
;^^^^ keyword
;     ^^^^^^ type.definition
;            ^ type
;               ^^^^ constructor
;                      ^^^^ constructor
;                           ^ type

(: 42 Int)
;^ keyword
;     ^^^ type

(spec:contract square :requires [(number? x)] :pure #t)
;^^^^^^^^^^^^^ keyword
;              ^^^^^^ function
;                     ^^^^^^^^^ string.special.symbol
;                                 ^^^^^^^ function.builtin
;                                                   ^^ boolean

(module geometry (export area) (define (area r) (* pi r r)))
;^^^^^^ keyword
;       ^^^^^^^^ module
;                 ^^^^^^ keyword
;                                       ^^^^ function
;                                                  ^^ constant.builtin

(import "lib/math" (cube [factorial as fact]))
;^^^^^^ keyword
;       ^^^^^^^^^^ string.special.path
;                   ^^^^ variable
;                                   ^^ keyword
