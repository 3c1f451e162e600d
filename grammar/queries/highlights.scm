; Highlights for ClaudeLang (tree-sitter-claudelang).
;
; The grammar is reader-level: a special form is just a `list` whose first named child is a
; `symbol`, so every form-specific pattern below tests that head symbol with `#eq?` /
; `#any-of?`. Capture names follow the nvim-treesitter conventions.
;
; Precedence: LATER patterns win (tree-sitter >= 0.22 and Neovim), so generic fallbacks come
; first and the form-specific patterns last. In tree-sitter's highlighter a later match on a
; node also discards the rest of the earlier match, so:
;   - there are no helper captures (`@_x`): the head symbol a predicate tests is captured as
;     @keyword by the same pattern;
;   - each form has ONE pattern per shape, using quantifiers (`(symbol)* @variable.parameter`)
;     to capture every parameter or binding in a single match.

; ---------------------------------------------------------------------------
; Names: fallbacks first
; ---------------------------------------------------------------------------

(symbol) @variable

; (f x ...)
(list
  .
  (symbol) @function.call)

; Some, None, Pair ...: constructors and ADT values
((symbol) @constructor
  (#match? @constructor "^[A-Z]"))

; `_` in match patterns
((symbol) @variable.builtin
  (#eq? @variable.builtin "_"))

; ---------------------------------------------------------------------------
; Builtins (LANGUAGE.md §4, §5, §8) and effect operations
; ---------------------------------------------------------------------------

; `#is-not? local`: a parameter or let binding named `list` or `e` is not the builtin. It comes
; BEFORE the text predicate: py-tree-sitter 0.26.1 crashes (SIGSEGV) on a pattern whose
; property predicate (#is-not?, #set!) follows a text predicate (#eq?, #any-of?).
((symbol) @operator
  (#is-not? local)
  (#any-of? @operator "+" "-" "*" "/" "%" "=" "==" "!=" "<" "<=" ">" ">="))

((symbol) @constant.builtin
  (#is-not? local)
  (#any-of? @constant.builtin "pi" "e"))

((symbol) @function.builtin
  (#is-not? local)
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
    ; errors, json, effect aliases, contract switches
    "error-message" "error-data" "json-parse" "json-stringify" "print" "error"
    "disable-contract-checking!" "enable-contract-checking!"))

; Effect operations: io:print, state:get, random:int, datetime:now ...
((symbol) @function.builtin
  (#match? @function.builtin "^[a-z]+:[a-z-]+"))

; ---------------------------------------------------------------------------
; Literals, quote, comments, punctuation
; ---------------------------------------------------------------------------

(keyword) @string.special.symbol

(string) @string

(escape_sequence) @string.escape

[
  (integer)
  (float)
] @number

(boolean) @boolean

(nil) @constant.builtin

(quote
  marker: "'" @operator)

; A quoted symbol is a symbol value; a quoted list is data, not a call.
(quote
  value: (symbol) @string.special.symbol)

(quote
  value: (list
    .
    (symbol) @variable))

(comment) @comment

; `;; %%` starts a cell (LANGUAGE.md §9). The query cannot see the column, so a trailing
; `;; %%` comment matches too.
((comment) @comment.cell
  (#match? @comment.cell "^;; [%][%]"))

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

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
(vector
  .
  (symbol)
  .
  (symbol) @keyword
  .
  (symbol)
  .
  (#eq? @keyword "as"))

; ---------------------------------------------------------------------------
; Definitions and binding forms: one pattern per shape, later ones win
; ---------------------------------------------------------------------------

; (define name expr)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "define")
  .
  (symbol) @variable)

; (define name (lambda ...)): overrides the pattern above
(list
  .
  (symbol) @keyword
  (#eq? @keyword "define")
  .
  (symbol) @function
  .
  (list
    .
    (symbol) @keyword.function
    (#eq? @keyword.function "lambda")))

; (define (name param ...) body ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "define")
  .
  (list
    .
    (symbol) @function
    (symbol)* @variable.parameter))

; (lambda (param ... ...rest) body ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "lambda")
  .
  (list
    (symbol)* @variable.parameter))

; (let ((name expr) ...) body ...)
(list
  .
  (symbol) @keyword
  (#any-of? @keyword "let" "let*" "letrec")
  .
  (list
    (list
      .
      (symbol) @variable)*))

; (let loop ((name expr) ...) body ...): named let
(list
  .
  (symbol) @keyword
  (#any-of? @keyword "let" "let*" "letrec")
  .
  (symbol) @function
  .
  (list
    (list
      .
      (symbol) @variable)*))

; (catch (err) body ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "catch")
  .
  (list
    (symbol)* @variable.parameter))

; (data Name tvar ... (Ctor fieldtype ...) ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "data")
  .
  (symbol) @type.definition
  (symbol)* @type
  (list
    .
    (symbol) @constructor
    (symbol)* @type)*)

; (: expr Type)
(list
  .
  (symbol) @keyword
  (#eq? @keyword ":")
  .
  (_)
  .
  (symbol) @type)

; (spec:contract fname clause ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "spec:contract")
  .
  (symbol) @function)

; (module name (export sym ...) body ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "module")
  .
  (symbol) @module)

; (import "path" ...)
(list
  .
  (symbol) @keyword
  (#eq? @keyword "import")
  .
  (string) @string.special.path)

; (import "path" (name ... [name as alias] ...)): overrides the pattern above
(list
  .
  (symbol) @keyword
  (#eq? @keyword "import")
  .
  (string) @string.special.path
  .
  (list
    (symbol)* @variable))
