;; io:write-file and io:read-file; a missing file is an io error.
(define path "/tmp/claudelang-conformance-effects-files.txt")
(io:write-file path "line 1\nline 2")
(io:print (io:read-file path))
; expect: line 1
; expect: line 2
(io:write-file path [1 "two"])
(io:print (io:read-file path))
; expect: [1 "two"]
(io:print (try (io:read-file "/nonexistent/dir/file.txt") (catch (e) (error-message e))))
; expect: io:read-file: cannot access "/nonexistent/dir/file.txt": No such file or directory
