;; [name as alias] binds an export under another name; the original name is not bound.
(import "lib/math" (square [factorial as fact] [cube as to-the-third]))
(io:print (square 2) (fact 6) (to-the-third 2))
; expect: 4 720 8
(io:print (try cube (catch (e) (error-message e))))
; expect: unbound name 'cube'
