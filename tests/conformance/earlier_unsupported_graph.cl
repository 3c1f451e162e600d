;; The graph:, trace:, optimize: and semantic: operations were described for earlier
;; releases but never ran in any of them; calling one names the feature.
(define (analyze-program src)
  (graph:build src))
(io:print "before")
; expect: before
(io:print (try (trace:enable) (catch (err) (error-message err))))
; expect: trace:enable: the trace: operations never ran in any ClaudeLang release and are not part of 1.1
(analyze-program "(+ 1 2)")
; expect-exit: 1
; expect-stderr: error[unsupported]: graph:build: the graph: operations never ran in any ClaudeLang release
; expect-stderr: earlier_unsupported_graph.cl:4:4
; expect-stderr: in analyze-program
