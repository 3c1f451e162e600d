;; network:get is refused unless the host allows network effects (`--allow-network`).
(io:print (try (network:get "http://127.0.0.1:9/") (catch (e) (error-message e))))
; expect: network:get: network access is not allowed here (the host program has not enabled network effects)
(io:print (handler ((network:get (lambda (url) (string-append "fake page for " url)))) (network:get "http://x")))
; expect: fake page for http://x
(network:get "http://127.0.0.1:9/")
; expect-exit: 1
; expect-stderr: error[effect-denied]: network:get: network access is not allowed here
; expect-stderr: effects_network_denied.cl:6:1
