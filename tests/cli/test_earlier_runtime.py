"""LANGUAGE.md §10 through the CLI: `run` and `check` agree on imports of builtin groups
(`(import "math" (sin cos))` where no file `math` exists) and on the features that are not
part of 1.1 (mutable pairs, the `graph:`/`trace:`/`optimize:`/`semantic:` operations),
which both name instead of calling them unbound names."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import claudelang


def run_and_check(root: Path, source: str) -> tuple[str, str, str]:
    """(run's stdout, run's stderr, check's stdout) for `main.cl` holding `source`."""
    (root / "main.cl").write_text(source, encoding="utf-8")
    ran = claudelang("run", "main.cl", cwd=root)
    checked = claudelang("check", "main.cl", cwd=root)
    assert "Traceback" not in ran.stderr + checked.stderr
    return ran.stdout, ran.stderr, checked.stdout


GROUP_IMPORTS = {
    "math": ('(import "math" (sqrt pi floor))\n(io:print (sqrt 16) (floor pi))\n', "4.0 3\n"),
    "list": ('(import "list" (map range [length as count]))\n(io:print (count (map abs (range 3))))\n', "3\n"),
    "string": ('(import "string" (string-upper str))\n(io:print (string-upper (str "a" 1)))\n', "A1\n"),
    "io": ('(import "io" (println io:print))\n(println "hi")\n', "hi\n"),
    "time": ('(import "time" (time:now datetime:year))\n(io:print (> (time:now) 0))\n', "#t\n"),
    "random": ('(import "random" (random:seed random:randint))\n(random:seed 1)\n(io:print 1)\n', "1\n"),
    "json": ('(import "json" *)\n(io:print (json-stringify (json-parse "[1, 2]")))\n', "[1,2]\n"),
}


@pytest.mark.parametrize("group", GROUP_IMPORTS)
def test_a_builtin_group_imports_where_no_file_provides_it(tmp_path: Path, group: str) -> None:
    source, output = GROUP_IMPORTS[group]
    assert run_and_check(tmp_path, source) == (output, "", "")


def test_a_name_the_group_does_not_export_is_an_error_at_the_import(tmp_path: Path) -> None:
    stdout, stderr, checked = run_and_check(tmp_path, '(import "math" (sin string-upper))\n(io:print 1)\n')
    assert stdout == ""
    assert stderr.startswith('error[import]: module "math" does not export string-upper')
    assert "main.cl:1:21" in stderr
    assert checked == "main.cl:1:21: error: module \"math\" does not export 'string-upper'\n"


def test_a_module_file_of_the_group_name_comes_first(tmp_path: Path) -> None:
    (tmp_path / "math.cl").write_text("(module math (export sin) (define (sin x) 42))\n", encoding="utf-8")
    assert run_and_check(tmp_path, '(import "math" (sin))\n(io:print (sin 0))\n') == ("42\n", "", "")
    _, stderr, checked = run_and_check(tmp_path, '(import "math" (cos))\n')
    assert "does not export cos (it exports sin)" in stderr
    assert checked == "main.cl:1:17: error: module \"math\" does not export 'cos'\n"


UNSUPPORTED = {
    "(set-car! cell 0)": ("set-car!", "mutable pairs are not supported: lists are immutable"),
    "(set-cdr! cell [])": ("set-cdr!", "mutable pairs are not supported: lists are immutable"),
    "(graph:add-node cell)": ("graph:add-node", "the graph: operations never ran in any ClaudeLang release"),
    "(trace:start)": ("trace:start", "the trace: operations never ran in any ClaudeLang release"),
    "(optimize:inline cell)": ("optimize:inline", "the optimize: operations never ran in any ClaudeLang release"),
    "(semantic:why 1)": ("semantic:why", "the semantic: operations never ran in any ClaudeLang release"),
}


@pytest.mark.parametrize("call", UNSUPPORTED)
def test_a_feature_not_in_1_1_is_named_by_run_and_check_at_the_call(tmp_path: Path, call: str) -> None:
    name, feature = UNSUPPORTED[call]
    source = f'(define cell [1 2])\n(io:print "before")\n(io:print {call})\n'
    stdout, stderr, checked = run_and_check(tmp_path, source)
    assert stdout == "before\n"
    assert stderr.startswith(f"error[unsupported]: {name}: {feature}")
    assert "main.cl:3:12" in stderr
    assert checked.startswith(f"main.cl:3:12: error: {name}: {feature}")
    assert len(checked.splitlines()) == 1


def test_a_program_that_defines_such_a_name_itself_uses_its_own(tmp_path: Path) -> None:
    source = "(define (set-car! lst x) (cons x (tail lst)))\n(define (graph:size g) (length g))\n"
    source += "(io:print (set-car! [1 2] 0) (graph:size [1 2 3]))\n"
    assert run_and_check(tmp_path, source) == ("[0 2] 3\n", "", "")


def test_the_error_is_catchable_like_every_runtime_error(tmp_path: Path) -> None:
    source = "(io:print (try (set-car! [1] 2) (catch (e) (error-message e))))\n"
    stdout, stderr, checked = run_and_check(tmp_path, source)
    assert (stdout, stderr) == (
        "set-car!: mutable pairs are not supported: lists are immutable (build a new list instead)\n",
        "",
    )
    assert "mutable pairs are not supported" in checked


def test_the_keyed_store_ops_are_state_effects_for_the_analysis(tmp_path: Path) -> None:
    source = '(define (save u) (state:begin-transaction) (state:set "users" u) (state:commit-transaction))\n'
    source += "(spec:contract save :pure #t)\n"
    source += '(save ["ann"])\n(io:print (state:get :users))\n'
    stdout, stderr, checked = run_and_check(tmp_path, source)
    assert (stdout, stderr) == ('["ann"]\n', "")
    assert checked == (
        "main.cl:2:21: warning: 'save' is declared :pure but performs effects: state (via state:begin-transaction)\n"
    )
