; Local scopes, definitions and references for ClaudeLang.
;
; As in highlights.scm, forms are recognised by the head symbol of a list. Bindings in
; `let` are sequential and recursive (LANGUAGE.md §3), so a binding's own initialiser is
; inside its scope. Helper captures named `@_x` only feed predicates.

; ---------------------------------------------------------------------------
; Scopes
; ---------------------------------------------------------------------------

(source_file) @local.scope

; (lambda (param ...) body ...), (let ...), (let* ...), (letrec ...)
(list
  .
  (symbol) @_head
  (#any-of? @_head "lambda" "let" "let*" "letrec")) @local.scope

; (define (name param ...) body ...): a function definition
(list
  .
  (symbol) @_head
  (#eq? @_head "define")
  .
  (list)) @local.scope

; (catch (err) body ...)
(list
  .
  (symbol) @_head
  (#eq? @_head "catch")) @local.scope

; Each clause of (match expr (pattern body ...) ...)
(list
  .
  (symbol) @_head
  (#eq? @_head "match")
  .
  (_)
  (list) @local.scope)

; ---------------------------------------------------------------------------
; Definitions
; ---------------------------------------------------------------------------

; (define name expr): belongs to the enclosing scope
(list
  .
  (symbol) @_head
  (#eq? @_head "define")
  .
  (symbol) @local.definition)

; (define (name param ...) ...): the name (visible in the body, for recursion) and params
(list
  .
  (symbol) @_head
  (#eq? @_head "define")
  .
  (list
    (symbol) @local.definition))

; (lambda (param ... ...rest) ...)
(list
  .
  (symbol) @_head
  (#eq? @_head "lambda")
  .
  (list
    (symbol) @local.definition))

; (let ((name expr) ...) ...)
(list
  .
  (symbol) @_head
  (#any-of? @_head "let" "let*" "letrec")
  .
  (list
    (list
      .
      (symbol) @local.definition)))

; (let loop ((name expr) ...) ...): the loop name and its bindings
(list
  .
  (symbol) @_head
  (#any-of? @_head "let" "let*" "letrec")
  .
  (symbol) @local.definition)

(list
  .
  (symbol) @_head
  (#any-of? @_head "let" "let*" "letrec")
  .
  (symbol)
  .
  (list
    (list
      .
      (symbol) @local.definition)))

; (catch (err) ...)
(list
  .
  (symbol) @_head
  (#eq? @_head "catch")
  .
  (list
    (symbol) @local.definition))

; Match patterns: a lower-case symbol binds, at the top of a pattern or one level inside a
; constructor pattern `(Some v)` or a list pattern `[x y ...rest]`.
(list
  .
  (symbol) @_head
  (#eq? @_head "match")
  .
  (_)
  (list
    .
    (symbol) @local.definition
    (#match? @local.definition "^[a-z.]")))

(list
  .
  (symbol) @_head
  (#eq? @_head "match")
  .
  (_)
  (list
    .
    (list
      .
      (symbol)
      (symbol) @local.definition
      (#match? @local.definition "^[a-z.]"))))

(list
  .
  (symbol) @_head
  (#eq? @_head "match")
  .
  (_)
  (list
    .
    (vector
      (symbol) @local.definition
      (#match? @local.definition "^[a-z.]"))))

; ---------------------------------------------------------------------------
; References
; ---------------------------------------------------------------------------

(symbol) @local.reference
