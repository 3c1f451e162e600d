;; String literals and their escapes; io:print writes top-level strings raw.
(io:print "plain")
; expect: plain
(io:print "tab:\there")
; expect: tab:	here
(io:print "quote \"inside\" and backslash \\")
; expect: quote "inside" and backslash \
(io:print "line one\nline two")
; expect: line one
; expect: line two
(io:print "smile: \u{1F600}" (string-length "\u{1F600}"))
; expect: smile: 😀 1
(io:print ["a\nb" "q\"q" "back\\slash" "\t"])
; expect: ["a\nb" "q\"q" "back\\slash" "\t"]
(io:print (string-length "") (string-length "héllo"))
; expect: 0 5
