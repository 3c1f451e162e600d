"""Effects and handlers (LANGUAGE.md §5) and the effectful builtins' default behaviour."""

from __future__ import annotations

import io
import threading
from pathlib import Path
from typing import Any

import pytest
from claudelang.runtime import (
    ClError,
    Settings,
    StateCell,
    get_settings,
    handlers,
    lookup,
    perform,
    show,
    use_settings,
)
from claudelang.runtime.effects import installed_clauses
from claudelang.runtime.plist import of

from .helpers import check, check_error
from .mini import evaluate, run


def call(name: str, *args: Any) -> Any:
    return lookup(name).fn(*args)


@pytest.fixture
def out() -> io.StringIO:
    """Capture io:print output for the test through a session-like Settings."""
    stream = io.StringIO()
    with use_settings(Settings(stdout=stream)):
        yield stream


def test_print_writes_printed_forms_to_the_settings_stream(out: io.StringIO) -> None:
    assert call("io:print", "x =", 42, "s", ["ignored"]) is None
    call("print", of("a", 1.5), None)
    call("print")
    assert out.getvalue() == 'x = 42 s #<python list>\n["a" 1.5] nil\n\n'


def test_print_defaults_to_sys_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    call("io:print", "hello")
    assert capsys.readouterr().out == "hello\n"


def test_exact_handler_intercepts_and_returns_its_value(out: io.StringIO) -> None:
    seen = []
    with handlers({"io:print": lambda *args: seen.append(args) or "handled"}):
        assert call("print", 1, 2) == "handled"
        assert call("io:print", "x") == "handled"
    assert seen == [(1, 2), ("x",)] and out.getvalue() == ""
    call("print", "after")
    assert out.getvalue() == "after\n"


def test_whole_kind_handler_gets_the_op_name_first() -> None:
    calls = []

    def random_kind(op: str, *args: Any) -> Any:
        calls.append((op, args))
        return 4

    with handlers({"random": random_kind}):
        assert call("random:int", 1, 6) == 4
        assert call("random:float") == 4
    assert calls == [("int", (1, 6)), ("float", ())]


def test_exact_clause_wins_over_whole_kind_in_the_same_frame() -> None:
    with handlers({"random": lambda op, *a: "kind", "random:int": lambda lo, hi: "exact"}):
        assert call("random:int", 1, 2) == "exact"
        assert call("random:float") == "kind"


def test_innermost_handler_wins_and_outer_ones_still_apply() -> None:
    with handlers({"random:int": lambda lo, hi: "outer", "time:now": lambda: 1.5}):
        with handlers({"random:int": lambda lo, hi: "inner"}):
            assert call("random:int", 1, 2) == "inner"
            assert call("time:now") == 1.5
        assert call("random:int", 1, 2) == "outer"


def test_a_handler_runs_outside_its_own_frame(out: io.StringIO) -> None:
    def shout(*args: Any) -> None:
        call("io:print", *[str(a).upper() for a in args])  # reaches the real output

    with handlers({"io:print": shout}):
        call("print", "hi", "there")
    assert out.getvalue() == "HI THERE\n"


def test_a_handler_sees_the_handlers_outside_it() -> None:
    log: list[Any] = []
    outer = handlers({"io:print": lambda *a: log.append(("outer", a))})
    inner = handlers({"io": lambda op, *a: call("io:print", "inner saw", op, *a)})
    with outer, inner:
        call("print", 1)
    assert log == [("outer", ("inner saw", "print", 1))]


def test_handlers_have_dynamic_extent_even_when_the_body_raises() -> None:
    with pytest.raises(ClError), handlers({"time:now": lambda: 0.0}):
        assert installed_clauses() == ["time:now"]
        call("error:raise", "stop")
    assert installed_clauses() == []


def test_handlers_from_claudelang_text(out: io.StringIO) -> None:
    check("(handler ((random:int (lambda (lo hi) 4))) (random:int 1 6))", "4")
    check('(handler ((io (lambda (op ... args) op))) (io:print "x"))', '"print"')
    check('(handler ((error:raise (lambda (m) (string-append "no " m)))) (error "way"))', '"no way"')
    assert out.getvalue() == ""


def test_handler_clause_validation() -> None:
    with (
        pytest.raises(ClError, match="unknown effect kind 'log'") as info,
        handlers({"log:info": print}),
    ):
        pass
    assert info.value.kind == "effect"
    with pytest.raises(ClError, match="expected a function") as info2, handlers({"io": 42}):
        pass
    assert info2.value.kind == "type"


def test_perform_unknown_op_without_handler() -> None:
    with pytest.raises(ClError, match="io:beep") as info:
        perform("io", "beep", ())
    assert info.value.kind == "effect"
    with handlers({"io": lambda op, *args: f"handled {op}"}):
        assert perform("io", "beep", ()) == "handled beep"


def test_handlers_are_per_thread() -> None:
    results = []
    with handlers({"time:now": lambda: -1.0}):
        assert call("time:now") == -1.0
        worker = threading.Thread(target=lambda: results.append(call("time:now")))
        worker.start()
        worker.join()
    assert results[0] > 1e9


def test_read_line_reads_the_settings_stdin() -> None:
    with use_settings(Settings(stdin=io.StringIO("first\r\nsecond\n"))):
        assert call("io:read-line") == "first"
        assert call("io:read-line") == "second"
        assert call("io:read-line") is None


def test_files_resolve_against_base_dir(tmp_path: Path) -> None:
    with use_settings(Settings(base_dir=tmp_path)):
        assert call("io:write-file", "out.txt", "héllo\n") is None
        assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "héllo\n"
        assert call("io:read-file", "out.txt") == "héllo\n"
        call("io:write-file", str(tmp_path / "abs.txt"), of(1, "a"))
        assert call("io:read-file", str(tmp_path / "abs.txt")) == '[1 "a"]'
        with pytest.raises(ClError) as info:
            call("io:read-file", "missing.txt")
    assert info.value.kind == "io"
    assert info.value.message == 'io:read-file: cannot access "missing.txt": No such file or directory'


def test_file_errors_are_cl_errors(tmp_path: Path) -> None:
    (tmp_path / "bin").write_bytes(b"\xff\xfe\x00")
    with use_settings(Settings(base_dir=tmp_path)):
        with pytest.raises(ClError) as info:
            call("io:read-file", "bin")
        assert info.value.kind == "io"
        with pytest.raises(ClError) as info:
            call("io:write-file", "no/such/dir/x.txt", "x")
        assert info.value.kind == "io"
        check_error("(io:read-file 42)", "type", "io:read-file: expected a string, got 42 (int)")


def test_state_cells() -> None:
    cell = call("state:new", 1)
    assert isinstance(cell, StateCell) and show(cell) == "#<state 1>"
    assert call("state:get", cell) == 1
    assert call("state:set", cell, 5) == 5 and cell.value == 5
    assert call("state:update", cell, lambda v: v * 2) == 10 and call("state:get", cell) == 10
    check(
        "(let ((c (state:new [1]))) (state:update c (lambda (l) (cons 0 l))) (state:get c))",
        "[0 1]",
    )
    check_error(
        "(state:get 5)", "type", "state:get: expected a state cell or a key (a string, keyword or symbol), got 5 (int)"
    )
    check_error("(state:update (state:new 1) 2)", "type")


def test_state_ops_can_be_handled() -> None:
    with handlers({"state": lambda op, *args: f"state {op}"}):
        assert call("state:new", 1) == "state new"


def test_error_raise_and_error_values() -> None:
    err = check_error('(error:raise "boom" {:code 1})', "user", "boom")
    assert show(err.data) == "{:code 1}"
    assert check_error('(error "plain")', "user", "plain").data is None
    check_error("(error [1 2])", "user", "[1 2]")
    check(
        '(try (error "boom" 42) (catch (e) [(error? e) (error-message e) (error-data e)]))',
        '[#t "boom" 42]',
    )
    check("(try (head 5) (catch (e) (error-message e)))", '"head: expected a list, got 5 (int)"')
    check("(try (head 5) (catch (e) (error-data e)))", "nil")
    check('(try (error "x") (catch (e) e))', "#<error x>")


def test_error_raise_rethrows_an_error_value() -> None:
    original = ClError("type", "inner")
    with pytest.raises(ClError) as info:
        call("error:raise", original)
    assert info.value is original


def test_error_message_requires_an_error() -> None:
    check_error('(error-message "x")', "type", 'error-message: expected an error value, got "x" (string)')
    check_error("(error-data 1)", "type")


def test_time_ops() -> None:
    assert isinstance(call("time:now"), float)
    assert call("time:sleep", 0) is None
    check_error("(time:sleep -1)", "value")
    check_error('(time:sleep "1")', "type")
    result, seconds = call("time:measure", lambda: 42)
    assert result == 42 and 0 <= seconds < 1
    check_error("(time:measure 42)", "type")
    with handlers({"time:measure": lambda thunk: of(thunk(), 0.0)}):
        assert run("(time:measure (lambda () 7))") == "[7 0.0]"


def test_random_is_seeded_per_settings() -> None:
    with use_settings(Settings()):
        call("random:seed", 42)
        first = [call("random:int", 1, 100) for _ in range(5)] + [call("random:float")]
        call("random:seed", 42)
        second = [call("random:int", 1, 100) for _ in range(5)] + [call("random:float")]
        assert first == second
        assert all(1 <= n <= 100 for n in first[:5]) and 0 <= first[5] < 1
        assert call("random:choice", of("a")) == "a"
        assert call("random:int", 3, 3) == 3
    check_error("(random:choice [])", "value", "random:choice: empty list")
    check_error("(random:int 5 1)", "value")
    check_error("(random:int 1.5 2)", "type")
    check_error('(random:seed "x")', "type")


def test_network_is_denied_by_default() -> None:
    err = check_error('(network:get "http://example.com")', "effect-denied")
    assert "not allowed" in err.message and err.message.startswith("network:get:")
    with handlers({"network:get": lambda url: "stub " + url}):
        assert call("network:get", "http://x") == "stub http://x"


def test_network_when_allowed_refuses_other_schemes_and_reports_failures() -> None:
    with use_settings(Settings(allow_network=True, network_timeout=0.5)):
        check_error('(network:get "file:///etc/passwd")', "value")
        err = check_error('(network:get "http://127.0.0.1:9/")', "network")
        assert err.message.startswith("network:get: http://127.0.0.1:9/:")


def test_settings_default_and_isolation() -> None:
    assert get_settings().contracts_enabled
    with use_settings(Settings()) as settings:
        assert get_settings() is settings
        evaluate("(disable-contract-checking!)")
        assert not settings.contracts_enabled
        evaluate("(enable-contract-checking!)")
        assert settings.contracts_enabled
    assert get_settings() is not settings


def test_datetime_now_goes_through_time_now() -> None:
    with handlers({"time:now": lambda: 0.0}):
        year = run("(datetime:year (datetime:now))")
    assert year in ("1969", "1970")
