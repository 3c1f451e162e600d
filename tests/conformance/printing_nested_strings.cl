;; Strings are written raw at the top level of io:print and quoted inside containers.
(io:print "top" ["in" "list"] {"k" "v"} (tuple "t") [["deep"]])
; expect: top ["in" "list"] {"k" "v"} (tuple "t") [["deep"]]
(data Box (Box v))
(io:print (Box "boxed") [(Box "a")] (Box ["x"]))
; expect: (Box "boxed") [(Box "a")] (Box ["x"])
(io:print ["with \"quotes\"" "new\nline" "tab\t"])
; expect: ["with \"quotes\"" "new\nline" "tab\t"]
(io:print "" [""] (string-append "[" "]"))
; expect:  [""] []
