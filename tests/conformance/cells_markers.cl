;; %% Cells: a line starting with ;; %% starts a new cell; running the file runs every cell.
(define greeting "hello")
;; %% Second cell: uses the first
(io:print greeting "from cell two")
; expect: hello from cell two
;; %% Third cell
(define (shout s) (string-upper s))
(io:print (shout greeting))
; expect: HELLO
