; Highlights for ClaudeLang (tree-sitter-claudelang).
;
; The grammar is reader-level: a special form is just a `list` whose first named child is a
; `symbol`, so every form-specific pattern below tests that head symbol with `#eq?` /
; `#any-of?`. Capture names follow the nvim-treesitter / tree-sitter CLI conventions.
;
; Precedence: for the tree-sitter CLI highlighter (and `tree-sitter test` highlight files) the
; FIRST pattern that captures a node wins, so specific patterns come first and the generic
; fallbacks (`(symbol) @variable`) come last. Consumers with "last one wins" semantics
; (Neovim) should sort captures by pattern index accordingly.
;
; Helper captures named `@_x` only feed predicates. Each node they capture is also captured,
; by an EARLIER pattern, with a real highlight name (the CLI highlighter stops at the first
; capture of a node, even one it does not recognise).

; ---------------------------------------------------------------------------
; Special forms (LANGUAGE.md §3), as the head of a list
; ---------------------------------------------------------------------------

(list
  .
  (symbol) @keyword
  (#any-of? @keyword
    "define" "lambda" "let" "let*" "letrec" "if" "cond" "when" "unless" "and" "or" "do"
    "begin" "set!" "while" "quote" "match" "data" ":" "try" "catch" "finally" "effect"
    "handler" "spec:contract" "module" "export" "import" "else"))

; `[factorial as fact]` in an import list
(list
  .
  (symbol) @_import
  (#eq? @_import "import")
  (list
    (vector
      (symbol) @keyword
      (#eq? @keyword "as"))))

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

; (define (name param ...) body ...)
(list
  .
  (symbol) @_define
  (#eq? @_define "define")
  .
  (list
    .
    (symbol) @function))

(list
  .
  (symbol) @_define
  (#eq? @_define "define")
  .
  (list
    .
    (symbol)
    (symbol) @variable.parameter))

; (define name (lambda ...)) is a function; (define name expr) a variable
(list
  .
  (symbol) @_define
  (#eq? @_define "define")
  .
  (symbol) @function
  .
  (list
    .
    (symbol) @_lambda
    (#eq? @_lambda "lambda")))

(list
  .
  (symbol) @_define
  (#eq? @_define "define")
  .
  (symbol) @variable)

; (lambda (param ...) body ...)
(list
  .
  (symbol) @_lambda
  (#eq? @_lambda "lambda")
  .
  (list
    (symbol) @variable.parameter))

; (let loop ((name expr) ...) body ...): named let
(list
  .
  (symbol) @_let
  (#any-of? @_let "let" "let*" "letrec")
  .
  (symbol) @function
  .
  (list
    (list
      .
      (symbol) @variable)))

; (let ((name expr) ...) body ...)
(list
  .
  (symbol) @_let
  (#any-of? @_let "let" "let*" "letrec")
  .
  (list
    (list
      .
      (symbol) @variable)))

; (catch (err) body ...)
(list
  .
  (symbol) @_catch
  (#eq? @_catch "catch")
  .
  (list
    (symbol) @variable.parameter))

; (data Name tvar ... (Ctor fieldtype ...) ...)
(list
  .
  (symbol) @_data
  (#eq? @_data "data")
  .
  (symbol) @type.definition)

(list
  .
  (symbol) @_data
  (#eq? @_data "data")
  (list
    .
    (symbol) @constructor))

(list
  .
  (symbol) @_data
  (#eq? @_data "data")
  .
  (symbol)
  (symbol) @type)

; (: expr Type)
(list
  .
  (symbol) @_ascribe
  (#eq? @_ascribe ":")
  .
  (_)
  .
  (symbol) @type)

; (spec:contract fname clause ...)
(list
  .
  (symbol) @_contract
  (#eq? @_contract "spec:contract")
  .
  (symbol) @function)

; (module name (export sym ...) body ...)
(list
  .
  (symbol) @_module
  (#eq? @_module "module")
  .
  (symbol) @module)

; (import "path" ...)
(list
  .
  (symbol) @_import
  (#eq? @_import "import")
  .
  (string) @string.special.path)

; ---------------------------------------------------------------------------
; Builtins (LANGUAGE.md §5, §8) and effect operations
; ---------------------------------------------------------------------------

((symbol) @constant.builtin
  (#any-of? @constant.builtin "pi" "e")
  (#is-not? local))

((symbol) @function.builtin
  (#any-of? @function.builtin
    ; lists
    "list" "cons" "head" "tail" "first" "second" "last" "rest" "nth" "length" "empty?"
    "null?" "append" "concat" "reverse" "range" "map" "filter" "fold" "foldr" "reduce"
    "map-indexed" "for-each" "take" "drop" "zip" "list-zip" "sort" "list-sort" "sort-by"
    "any?" "all?" "find" "list-find" "index-of" "list-unique" "flatten" "list-partition"
    "group-by" "chunk" "sliding-window" "sum" "product" "min" "max" "member?" "car" "cdr"
    "tuple"
    ; functions
    "identity" "compose" "partial" "apply" "memoize"
    ; strings
    "string-length" "substring" "string-split" "string-join" "string-trim" "string-upper"
    "string-lower" "string-upcase" "string-downcase" "string-contains?"
    "string-starts-with?" "string-ends-with?" "string-replace" "string->list"
    "list->string" "to-string" "string->number" "string-concat" "string-append"
    ; math
    "abs" "floor" "ceil" "round" "sqrt" "pow" "exp" "log" "sin" "cos" "tan" "atan" "atan2"
    "gcd" "lcm" "factorial" "mean" "clamp" "even?" "odd?" "zero?" "positive?" "negative?"
    "quot" "mod"
    ; maps and sets
    "dict-new" "dict-get" "dict-get-or" "dict-set" "dict-remove" "dict-has?" "dict-keys"
    "dict-values" "dict-items" "dict-size" "dict-merge" "set-new" "set-from-list" "set-add"
    "set-has?" "set-union" "set-intersection" "set-difference" "set-to-list"
    ; predicates
    "number?" "int?" "float?" "string?" "bool?" "boolean?" "list?" "map?" "function?"
    "nil?" "keyword?" "symbol?" "error?" "sorted?" "not" "not=" "implies"
    ; errors, json, effect aliases, contracts
    "error-message" "error-data" "json-parse" "json-stringify" "print" "error"
    "disable-contract-checking!" "enable-contract-checking!")
  (#is-not? local))

; Arithmetic and comparison operators
((symbol) @operator
  (#any-of? @operator "+" "-" "*" "/" "%" "=" "==" "!=" "<" "<=" ">" ">=")
  (#is-not? local))

; io:print, state:get, random:int, datetime:now ...
((symbol) @function.builtin
  (#match? @function.builtin "^[a-z]+:[a-z-]+"))

; ---------------------------------------------------------------------------
; Quoted data, constructors, calls
; ---------------------------------------------------------------------------

(quote
  value: (symbol) @string.special.symbol)

(quote
  value: (list
    .
    (symbol) @variable))

; Some, None, Pair ...: constructors and ADT values
((symbol) @constructor
  (#match? @constructor "^[A-Z]"))

; `_` in match patterns
((symbol) @variable.builtin
  (#eq? @variable.builtin "_"))

; (f x ...)
(list
  .
  (symbol) @function.call)

; ---------------------------------------------------------------------------
; Literals, comments, punctuation
; ---------------------------------------------------------------------------

(keyword) @string.special.symbol

(escape_sequence) @string.escape

(string) @string

[
  (integer)
  (float)
] @number

(boolean) @boolean

(nil) @constant.builtin

; `;; %%` at the start of a line starts a cell (LANGUAGE.md §9)
((comment) @comment.cell
  (#match? @comment.cell "^;; %%"))

(comment) @comment

(quote
  marker: "'" @operator)

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

; Everything else that is a name
(symbol) @variable
