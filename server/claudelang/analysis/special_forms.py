"""The special forms, for the editor: usage line, one-line doc and a snippet body."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpecialForm:
    name: str
    usage: str
    doc: str
    snippet: str


SPECIAL_FORMS: dict[str, SpecialForm] = {
    f.name: f
    for f in [
        SpecialForm(
            "define",
            "(define name expr) | (define (name param ...) body ...)",
            "Define a global (or, inside a body, local) variable or function.",
            "(define (${1:name} ${2:params})\n  ${0:body})",
        ),
        SpecialForm(
            "lambda",
            "(lambda (param ... ...rest) body ...)",
            "An anonymous function.",
            "(lambda (${1:params}) ${0:body})",
        ),
        SpecialForm(
            "let",
            "(let ((name expr) ...) body ...) | (let loop ((name expr) ...) body ...)",
            "Local bindings, sequential; a lambda-valued binding may call itself. Named let loops.",
            "(let ((${1:name} ${2:value}))\n  ${0:body})",
        ),
        SpecialForm(
            "let*", "(let* ((name expr) ...) body ...)", "Alias of let.", "(let* ((${1:name} ${2:value}))\n  ${0:body})"
        ),
        SpecialForm(
            "letrec",
            "(letrec ((name expr) ...) body ...)",
            "Alias of let.",
            "(letrec ((${1:name} ${2:value}))\n  ${0:body})",
        ),
        SpecialForm(
            "if",
            "(if test then [else])",
            "Conditional; else defaults to nil.",
            "(if ${1:test}\n  ${2:then}\n  ${0:else})",
        ),
        SpecialForm(
            "cond",
            "(cond (test body ...) ... (else body ...))",
            "Multi-way conditional.",
            "(cond\n  (${1:test} ${2:value})\n  (else ${0:value}))",
        ),
        SpecialForm(
            "when",
            "(when test body ...)",
            "Run the body when test is truthy; else nil.",
            "(when ${1:test}\n  ${0:body})",
        ),
        SpecialForm(
            "unless",
            "(unless test body ...)",
            "Run the body when test is falsy; else nil.",
            "(unless ${1:test}\n  ${0:body})",
        ),
        SpecialForm("and", "(and e ...)", "Short-circuit and: the first falsy value or the last.", "(and ${0})"),
        SpecialForm("or", "(or e ...)", "Short-circuit or: the first truthy value or the last.", "(or ${0})"),
        SpecialForm("do", "(do e ...)", "Sequence; the value of the last form.", "(do\n  ${0})"),
        SpecialForm("begin", "(begin e ...)", "Sequence; the value of the last form.", "(begin\n  ${0})"),
        SpecialForm("set!", "(set! name expr)", "Assign an existing binding.", "(set! ${1:name} ${0:value})"),
        SpecialForm(
            "while",
            "(while test body ...)",
            "Loop while test is truthy; returns nil.",
            "(while ${1:test}\n  ${0:body})",
        ),
        SpecialForm("quote", "(quote datum)", "The datum itself, unevaluated; also written 'datum.", "(quote ${0})"),
        SpecialForm(
            "match",
            "(match expr (pattern body ...) ...)",
            "Pattern matching: first matching clause wins; no match is an error.",
            "(match ${1:expr}\n  (${2:pattern} ${3:body})\n  (_ ${0:default}))",
        ),
        SpecialForm(
            "data",
            "(data Name tvar ... (Ctor type ...) ...)",
            "Declare an algebraic data type.",
            "(data ${1:Name} (${2:Ctor} ${0:field}))",
        ),
        SpecialForm(
            ":",
            "(: expr Type)",
            "Type ascription, checked at run time while contracts are on.",
            "(: ${1:expr} ${0:Type})",
        ),
        SpecialForm(
            "try",
            "(try body ... (catch (err) body ...) (finally body ...))",
            "Catch ClaudeLang errors; catch and finally are optional.",
            "(try\n  ${1:body}\n  (catch (${2:err}) ${0:handler}))",
        ),
        SpecialForm(
            "effect",
            "(effect kind:op arg ...)",
            "Perform an effect; same as (kind:op arg ...).",
            "(effect ${1:io:print} ${0})",
        ),
        SpecialForm(
            "handler",
            "(handler ((kind:op fn) ...) body ...)",
            "Run body with effect handlers installed (dynamic extent).",
            "(handler ((${1:io:print} (lambda (${2:args}) ${3:nil})))\n  ${0:body})",
        ),
        SpecialForm(
            "spec:contract",
            "(spec:contract fname :requires [...] :ensures [...] :pure #t)",
            "Attach a contract to a function: pre/postconditions checked at each call.",
            "(spec:contract ${1:fname}\n  :requires [${2}]\n  :ensures [${0}])",
        ),
        SpecialForm(
            "module",
            "(module name (export sym ...) body ...)",
            "Declare a module and its exports.",
            "(module ${1:name} (export ${2:names})\n  ${0:body})",
        ),
        SpecialForm(
            "import",
            '(import "path" (sym ... [sym as alias])) | (import "path" *)',
            "Import names from a module.",
            '(import "${1:path}" (${0:names}))',
        ),
    ]
}

CONTRACT_CLAUSES = {
    "requires": "Preconditions, checked before the body (alias :pre).",
    "ensures": "Postconditions; `result` is the return value (alias :post).",
    "pre": "Alias of :requires.",
    "post": "Alias of :ensures.",
    "complexity": 'Documentation shown on hover, e.g. "O(n)".',
    "pure": "#t: the function must perform no effects (checked statically).",
}
