;; A wrong number of arguments names the ClaudeLang function.
(define (area w h) (* w h))
(define (report) (area 3))
(report)
; expect-exit: 1
; expect-stderr: error[arity]: area: missing argument 'h'
; expect-stderr: errors_uncaught_arity.cl:3:18
; expect-stderr: in report
