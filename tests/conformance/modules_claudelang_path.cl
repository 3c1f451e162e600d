;; A path is also looked up in the folders listed in CLAUDELANG_PATH.
; env: CLAUDELANG_PATH={dir}/path_dir
(import "far_away" (far-value))
(io:print far-value)
; expect: 99
