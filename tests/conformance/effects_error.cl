;; error:raise (alias error) raises an error value with a message and optional data.
(io:print (try (error:raise "plain") (catch (e) [(error-message e) (error-data e)])))
; expect: ["plain" nil]
(io:print (try (error "with list" [1 2]) (catch (e) (error-data e))))
; expect: [1 2]
(io:print (try (effect error:raise "effect form") (catch (e) (error-message e))))
; expect: effect form
(io:print (try (error:raise 42) (catch (e) (error-message e))))
; expect: 42
(error:raise "fatal" {:why "testing"})
; expect-exit: 1
; expect-stderr: error[user]: fatal
; expect-stderr: effects_error.cl:10:1
