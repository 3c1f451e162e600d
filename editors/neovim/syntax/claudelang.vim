" Regex highlighting for ClaudeLang, for Neovim without tree-sitter (nvim-treesitter's
" highlighting, or the server's semantic tokens on 0.9+, replace it).
if exists('b:current_syntax')
  finish
endif

syntax iskeyword @,48-57,_,192-255,33,35-38,42-43,45-47,58,60-64,94,124,126
syntax match claudelangComment /;.*$/ contains=claudelangTodo
syntax match claudelangCell /^;;\s*%%.*$/
syntax keyword claudelangTodo contained TODO FIXME XXX NOTE
syntax region claudelangString start=/"/ skip=/\\\\\|\\"/ end=/"/ contains=claudelangEscape
syntax match claudelangEscape contained /\\\([\\"ntr0]\|u{\x\+}\)/
syntax match claudelangNumber /\<[+-]\=\d\+\(\.\d*\)\=\([eE][+-]\=\d\+\)\=\>/
syntax keyword claudelangBoolean true false #t #f
syntax keyword claudelangConstant nil
syntax match claudelangKeyword /\<:[^ \t()\[\]{}";',]\+/
syntax match claudelangEffect /\<[a-z][a-z0-9-]*:[^ \t()\[\]{}";',]\+/
syntax match claudelangConstructor /\<[A-Z][^ \t()\[\]{}";',]*/
syntax keyword claudelangSpecial define lambda let let* letrec if cond when unless and or do begin
syntax keyword claudelangSpecial set! while quote match data try catch finally effect handler
syntax keyword claudelangSpecial spec:contract module export import else
syntax match claudelangQuote /'/

highlight default link claudelangCell Title
highlight default link claudelangComment Comment
highlight default link claudelangTodo Todo
highlight default link claudelangString String
highlight default link claudelangEscape SpecialChar
highlight default link claudelangNumber Number
highlight default link claudelangBoolean Boolean
highlight default link claudelangConstant Constant
highlight default link claudelangKeyword Constant
highlight default link claudelangEffect Function
highlight default link claudelangConstructor Type
highlight default link claudelangSpecial Statement
highlight default link claudelangQuote Special

let b:current_syntax = 'claudelang'
