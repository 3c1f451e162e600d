;; A module loads once per session, however often it is imported.
(import "lib/noisy" (ping))
; expect: loading noisy
(import "lib/noisy" (ping))
(import "lib/noisy" *)
(io:print (ping))
; expect: :pong
