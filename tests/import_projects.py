"""Small multi-file projects whose imports `claudelang run` rejects (or accepts), shared by
the `check` tests (tests/cli) and the language server's diagnostics tests (tests/lsp), which
must report the same thing at the same place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GOOD_LIB = "(module lib (export f)\n  (define (f x) (+ x 1)))\n"


@dataclass(frozen=True)
class Project:
    files: dict[str, str]
    checked: str  # the file checked and run
    check: str | None  # the one diagnostic `check` prints for it (None: it is clean)
    run: str | None  # a line of `run`'s error that names the same failure (None: it runs)


PROJECTS = {
    "syntax error in the module": Project(
        {
            "main.cl": '(import "lib" (f))\n(io:print (f 1))\n',
            "lib.cl": "(module lib (export f)\n  (define (f x) (+ x 1))\n  (define y (+ 1 2)\n",
        },
        "main.cl",
        "main.cl:1:9: error: cannot load module \"lib\": lib.cl:1:1: unclosed '(' opened at 1:1: expected ')'",
        "error[syntax]: unclosed '(' opened at 1:1: expected ')' (and 1 more)",
    ),
    "unbound name at the module's top level": Project(
        {
            "main.cl": '(import "lib" (f))\n(io:print (f 1))\n',
            "lib.cl": "(module lib (export f)\n  (define (f x) (+ x 1))\n  (define y (+ zzz 2)))\n",
        },
        "main.cl",
        "main.cl:1:9: error: cannot load module \"lib\": lib.cl:3:16: unbound name 'zzz'",
        "error[unbound-name]: unbound name 'zzz'",
    ),
    "missing module, transitively": Project(
        {
            "main.cl": '(import "util/text" (shout))\n(io:print (shout "hi"))\n',
            "util/text.cl": '(import "nothere" (h))\n(module text (export shout)\n  (define (shout s) s))\n',
        },
        "main.cl",
        'main.cl:1:9: error: cannot load module "util/text": util/text.cl:1:9: cannot find module "nothere"',
        'error[import]: cannot find module "nothere" (looked for: ',
    ),
    "two-module cycle": Project(
        {
            "main.cl": '(import "a" (f))\n(io:print (f 1))\n',
            "a.cl": '(import "b" (g))\n(module a (export f)\n  (define (f x) (g x)))\n',
            "b.cl": '(import "a" (f))\n(module b (export g)\n  (define (g x) x))\n',
        },
        "main.cl",
        'main.cl:1:9: error: cannot load module "a": b.cl:1:9: import cycle: a.cl -> b.cl -> a.cl',
        "error[import]: import cycle: a.cl -> b.cl -> a.cl",
    ),
    "three-module cycle, checked from inside": Project(
        {
            "a.cl": '(import "b" (g))\n(module a (export f)\n  (define (f x) (g x)))\n',
            "b.cl": '(import "c" (h))\n(module b (export g)\n  (define (g x) (h x)))\n',
            "c.cl": '(import "a" (f))\n(module c (export h)\n  (define (h x) x))\n',
        },
        "b.cl",
        "b.cl:1:9: error: import cycle: b.cl -> c.cl -> a.cl -> b.cl",
        "error[import]: import cycle: c.cl -> a.cl -> b.cl -> c.cl",
    ),
    "not a module": Project(
        {"main.cl": '(import "lib" (f))\n(io:print (f 1))\n', "lib.cl": "(define (f x) (+ x 1))\n"},
        "main.cl",
        'main.cl:1:9: error: "lib" (lib.cl) has no (module name (export ...) ...) form',
        'error[import]: "lib" (lib.cl) has no (module name (export ...) ...) form',
    ),
    "healthy: errors only where loading does not run or catches them": Project(
        {
            "main.cl": '(import "lib" (f))\n(import "more" (twice))\n(io:print (twice (f 1)))\n',
            "lib.cl": GOOD_LIB,
            "more.cl": (
                '(import "lib" (f))\n(module more (export twice never)\n  (define (twice x) (* 2 x))\n'
                "  (define (never) (+ zzz (f 1 2)))\n  (spec:contract never :requires [(> qqq 0)])\n"
                "  (define safe (try (+ 1 zzz) (catch (e) 0))))\n"
            ),
        },
        "main.cl",
        None,
        None,
    ),
}


def write_project(folder: Path, project: Project) -> Path:
    """Write `project`'s files under `folder`; the path of the file it checks."""
    for name, text in project.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder / project.checked
