" ClaudeLang: *.cl files. Vim's own filetype.vim maps *.cl to lisp (Common Lisp), so this
" sets the filetype unconditionally instead of using :setfiletype.
autocmd BufRead,BufNewFile *.cl set filetype=claudelang
