;; With --allow-network the request is attempted (here to a closed local port, so it fails
;; with a network error rather than a denial).
; args: --allow-network
(io:print (try (network:get "http://127.0.0.1:9/") (catch (e) (string-starts-with? (error-message e) "network:get: http://127.0.0.1:9/"))))
; expect: #t
