"""The Python API: `claudelang.Session`, `claudelang.evaluate`, `claudelang.parse`."""

from __future__ import annotations

import threading
from pathlib import Path

import claudelang
import pytest
from claudelang import ClError, ClSyntaxError, Session
from claudelang.runtime import Keyword, show


def test_evaluate_returns_the_last_value() -> None:
    assert claudelang.evaluate("(+ 1 2)") == 3
    assert claudelang.evaluate("(define x 2) (* x 21)") == 42
    assert claudelang.evaluate("") is None


def test_values_are_python_values() -> None:
    assert claudelang.evaluate('[1 2.5 "s" nil #t]') == (1, 2.5, "s", None, True)
    assert claudelang.evaluate(":kw") is Keyword("kw")
    assert show(claudelang.evaluate('{"a" [1 2]}')) == '{"a" [1 2]}'
    assert claudelang.evaluate("(factorial 25)") == 15511210043330985984000000


def test_session_globals_persist_across_eval_calls() -> None:
    session = Session()
    session.eval("(define counter 0)")
    session.eval("(define (bump) (set! counter (+ counter 1)) counter)")
    session.eval("(bump)")
    assert session.eval("(bump)") == 2
    assert session.globals["counter"] == 2
    assert set(session.globals) == {"bump", "counter"}


def test_sessions_are_independent() -> None:
    first, second = Session(), Session()
    first.eval("(define only-here 1)")
    with pytest.raises(ClError) as info:
        second.eval("only-here")
    assert info.value.kind == "unbound-name"
    assert "only-here" not in second.globals


def test_capture_output() -> None:
    session = Session(capture_output=True)
    session.eval("(define x 41)")
    assert session.eval('(io:print "x is" (+ x 1))') is None
    session.eval("(map io:print [1 2])")
    assert session.output() == "x is 42\n1\n2\n"
    assert session.take_output() == "x is 42\n1\n2\n"
    assert session.output() == ""


def test_output_goes_to_a_given_stream() -> None:
    import io

    stream = io.StringIO()
    Session(stdout=stream).eval('(io:print "to the stream")')
    assert stream.getvalue() == "to the stream\n"


def test_runtime_errors_are_clerrors_with_location_and_traceback() -> None:
    session = Session()
    session.eval("(define (inner x) (/ x 0))\n(define (outer) (inner 1))", "lib.cl")
    with pytest.raises(ClError) as info:
        session.eval("(outer)", "main.cl")
    error = info.value
    assert (error.kind, error.message) == ("division-by-zero", "/: division by zero")
    assert str(error.location) == "lib.cl:1:19"
    assert [frame.function for frame in error.frames] == ["inner", "outer", "top level"]
    report = session.format_error(error)
    assert report.startswith("error[division-by-zero]: /: division by zero\n  --> lib.cl:1:19")
    assert "Traceback" not in report


def test_syntax_errors_stop_the_whole_source() -> None:
    session = Session(capture_output=True)
    with pytest.raises(ClSyntaxError) as info:
        session.eval('(io:print "no")\n(if)')
    assert info.value.kind == "syntax"
    assert info.value.location.line == 2
    assert session.output() == ""
    assert len(info.value.diagnostics) == 1


def test_line_offset_shifts_reported_lines() -> None:
    session = Session()
    with pytest.raises(ClError) as info:
        session.eval("(car [])", "cell.cl", line_offset=10)
    assert str(info.value.location) == "cell.cl:11:1"


def test_run_file_and_imports(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "m.cl").write_text('(io:print "loading m")\n(module m (export v) (define v 7))\n')
    main = tmp_path / "main.cl"
    main.write_text('(import "lib/m" (v))\n(import "lib/m" *)\n(io:print (* v 6))\n(* v 2)\n')
    session = Session(capture_output=True)
    assert session.run_file(main) == 14
    assert session.output() == "loading m\n42\n"
    assert session.globals["v"] == 7


def test_run_file_missing() -> None:
    with pytest.raises(ClError) as info:
        Session().run_file("/nonexistent/file.cl")
    assert info.value.kind == "io"


def test_contracts_across_evals_and_the_contracts_option() -> None:
    session = Session()
    session.eval("(spec:contract half :requires [(even? n)])")
    session.eval("(define (half n) (quot n 2))")
    assert session.eval("(half 8)") == 4
    with pytest.raises(ClError) as info:
        session.eval("(half 3)")
    assert info.value.message == "contract violation: half: precondition (even? n) failed (arguments: 3)"
    session.eval("(define (twice n) (* n 2))")
    session.eval("(spec:contract twice :ensures [(< result 10)])")
    with pytest.raises(ClError):
        session.eval("(twice 7)")
    unchecked = Session(contracts=False)
    unchecked.eval("(spec:contract half :requires [(even? n)]) (define (half n) (quot n 2))")
    assert unchecked.eval("(half 3)") == 1


def test_allow_network_option() -> None:
    with pytest.raises(ClError) as info:
        Session().eval('(network:get "http://127.0.0.1:9/")')
    assert info.value.kind == "effect-denied"
    with pytest.raises(ClError) as info:
        Session(allow_network=True).eval('(network:get "http://127.0.0.1:9/")')
    assert info.value.kind == "network"


def test_deep_recursion_and_long_loops_through_the_api() -> None:
    session = Session()
    session.eval("(define (depth n) (if (= n 0) 0 (+ 1 (depth (- n 1)))))")
    assert session.eval("(depth 100000)") == 100000
    assert session.eval("(let loop ((i 0)) (if (< i 1000000) (loop (+ i 1)) i))") == 1000000


def test_sessions_on_several_threads() -> None:
    results: dict[int, object] = {}

    def work(n: int) -> None:
        session = Session()
        session.eval(f"(define (f k) (if (= k 0) {n} (f (- k 1))))")
        results[n] = session.eval("(f 10000)")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {0: 0, 1: 1, 2: 2, 3: 3}


def test_eval_forms_reports_each_value() -> None:
    seen: list[str] = []
    pairs = Session().eval_forms("(define a 1)\n(+ a 1)", on_value=lambda form, value: seen.append(show(value)))
    assert seen == ["1", "2"]
    assert [form.node.source for form, _ in pairs] == ["(define a 1)", "(+ a 1)"]


def test_parse_returns_ast_and_diagnostics_without_raising() -> None:
    module = claudelang.parse("(define (f x) (* x 2))\n(f 21)")
    assert len(module.forms) == 2 and not module.has_errors
    broken = claudelang.parse("(if)\n(+ 1")
    assert [str(d) for d in broken.diagnostics] == [
        "1:1: error: malformed 'if': expected a test and a then branch: (if test then [else])",
        "2:1: error: unclosed '(' opened at 2:1: expected ')'",
    ]


def module_file(folder: Path, name: str, where: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.cl").write_text(f'(module {name} (export where) (define where "{where}"))\n')


def test_module_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The importing file's folder, its modules/, the workspace roots, then CLAUDELANG_PATH."""
    project, root, extra = tmp_path / "project", tmp_path / "root", tmp_path / "extra"
    for folder, label in ((project, "folder"), (project / "modules", "modules"), (root, "root"), (extra, "path")):
        module_file(folder, "everywhere", label)
    module_file(project / "modules", "below", "modules")
    module_file(root, "below", "root")
    module_file(root, "rooted", "root")
    module_file(extra, "rooted", "path")
    module_file(extra, "far", "path")
    monkeypatch.setenv("CLAUDELANG_PATH", str(extra))
    main = project / "main.cl"
    imports = [f'(import "{name}" ([where as {name}]))' for name in ("everywhere", "below", "rooted", "far")]
    main.write_text("\n".join(imports) + "\n[everywhere below rooted far]\n")
    session = Session(workspace_roots=[root])
    assert session.run_file(main) == ("folder", "modules", "root", "path")


def test_a_compiler_bug_is_an_internal_error_not_a_python_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from claudelang.ast import nodes
    from claudelang.compiler import codegen

    def broken(compiler: object, node: object) -> None:
        raise AttributeError("simulated compiler bug")

    monkeypatch.setitem(codegen.EXPRESSIONS, nodes.If, broken)
    with pytest.raises(ClError) as info:
        Session().eval("(io:print 1)\n(io:print (if 1 2 3))", "bug.cl")
    assert info.value.kind == "internal"
    assert info.value.message == (
        "cannot compile this form (a bug in ClaudeLang): AttributeError: simulated compiler bug"
    )
    assert str(info.value.location) == "bug.cl:2:1"
