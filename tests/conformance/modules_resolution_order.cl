;; Resolution order: the importing file's folder comes before its modules/ subfolder, and each
;; module resolves its own imports from its own folder.
(import "shadow/main" (report))
(io:print report)
; expect: ["folder itself" "modules subfolder"]
