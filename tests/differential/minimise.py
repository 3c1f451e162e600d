"""Naming and shrinking disagreements, so that each distinct one is reported once, small.

`signature` names a disagreement's class: its direction, its kind and the heads of the two
innermost forms around its position (`check-only arity in let>f`). `minimise` shrinks a
program while a given class still occurs: it deletes top-level forms, replaces forms by
`0` or by one of their parts and drops parts of forms, to a fixed point.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.differential.oracle import Disagreement, compare

TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|;[^\n]*|[()\[\]{}]|[^\s()\[\]{}";]+')
Sexp = str | list  # a token, or a bracketed list whose first item is its opening bracket


def signature(files: dict[str, str], found: Disagreement) -> str:
    """`direction kind in outer>inner` for a disagreement of a program."""
    if found.direction == "crash":
        return f"crash in {found.kind}: {found.message.split(':')[0]}"
    file, line, col = found.at
    lines = files[file].split("\n")
    offset = sum(len(text) + 1 for text in lines[: line - 1]) + col - 1
    heads: list[str] = []
    for match in TOKEN.finditer(files[file][:offset]):
        token = match.group()
        if token in "([{":
            heads.append(token)
        elif token in ")]}":
            heads.pop()
        elif heads and heads[-1] in "([{":
            heads[-1] = token if heads[-1] == "(" else heads[-1]
    context = ">".join(h if h not in "([{" else {"(": "()", "[": "[]", "{": "{}"}[h] for h in heads[-2:])
    return f"{found.direction} {found.kind} in {context or 'top'}"


def run_signatures(files: dict[str, str], main: str) -> set[str]:
    with tempfile.TemporaryDirectory() as folder:
        verdict = compare(Path(folder), files, main)
    if verdict.run.exhausted:  # shrinking may remove a loop's countdown: not a smaller case
        return set()
    return {signature(files, found) for found in verdict.found}


def read(text: str) -> list[Sexp]:
    """The forms of `text` (comments dropped); brackets kept as each list's first item."""
    stack: list[list[Sexp]] = [[]]
    for match in TOKEN.finditer(text):
        token = match.group()
        if token.startswith(";"):
            continue
        if token in "([{":
            stack.append([token])
        elif token in ")]}" and len(stack) > 1:
            done = stack.pop()
            stack[-1].append(done)
        else:
            stack[-1].append(token)
    return stack[0]


def show(form: Sexp) -> str:
    if isinstance(form, str):
        return form
    opener, *items = form
    closer = {"(": ")", "[": "]", "{": "}"}[opener]
    return opener + " ".join(show(item) for item in items) + closer


def source(forms: list[Sexp]) -> str:
    return "\n".join(show(form) for form in forms) + "\n"


def candidates(form: Sexp) -> list[Sexp]:
    """Smaller versions of one form, smallest first."""
    if isinstance(form, str):
        return []
    out: list[Sexp] = ["0"]
    items = form[1:]
    out.extend(item for item in items if not isinstance(item, str) and item[0] == "(")
    for index in range(1, len(form)):
        out.append(form[:index] + form[index + 1 :])
    for index, item in enumerate(form):
        for smaller in candidates(item):
            out.append([*form[:index], smaller, *form[index + 1 :]])
    return out


def minimise(files: dict[str, str], main: str, keeps: Callable[[dict[str, str]], bool]) -> dict[str, str]:
    """The smallest program found (by the steps above) for which `keeps` stays true."""
    current = dict(files)
    changed = True
    while changed:
        changed = False
        for name in sorted(current, key=lambda n: n == main):
            if name != main and keeps({k: v for k, v in current.items() if k != name}):
                current = {k: v for k, v in current.items() if k != name}
                changed = True
                break
            forms = read(current[name])
            for index in range(len(forms)):
                for smaller in [None, *candidates(forms[index])]:
                    trial = forms[:index] + ([] if smaller is None else [smaller]) + forms[index + 1 :]
                    attempt = {**current, name: source(trial)}
                    if attempt[name] != current[name] and keeps(attempt):
                        current, changed = attempt, True
                        break
                if changed:
                    break
            if changed:
                break
    return current
