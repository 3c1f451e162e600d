"""Emacs (28 from Debian) with claudelang-mode and eglot, driven in batch mode by emacs_driver.el."""

from __future__ import annotations

import pytest

from tests.editors.conftest import (
    ARITY_ERROR_LINE,
    DEFINITION_LINE,
    REPO,
    assert_step,
    copy_workspace,
    find_program,
    run_driver,
)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    emacs = find_program("emacs")
    workspace = copy_workspace(tmp_path_factory.mktemp("emacs"))
    out = workspace.parent / "results.json"
    command = [
        emacs,
        "--batch",
        "-Q",
        "-L",
        str(REPO / "editors" / "emacs"),
        "-l",
        str(REPO / "tests" / "editors" / "emacs_driver.el"),
    ]
    return run_driver(command, out, {"CLAUDELANG_FILE": str(workspace / "main.cl")})


def test_mode_and_syntax(results: dict) -> None:
    assert results["mode"] == "claudelang-mode"
    assert results["symbol_at_point"] == "io:print"
    assert results["comment_start"] == ";; "


def test_eglot_connects(results: dict) -> None:
    assert_step(results, "attach")
    assert isinstance(results["server_commands"], list)


def test_diagnostics_reach_flymake(results: dict) -> None:
    assert_step(results, "diagnostics")
    assert any(
        d["line"] == ARITY_ERROR_LINE and "expects 2 arguments" in d["text"] and d["type"] == "eglot-error"
        for d in results["diagnostics"]
    ), results["diagnostics"]


def test_hover(results: dict) -> None:
    assert_step(results, "hover")
    assert "(add a b)" in results["hover"]


def test_completion_table(results: dict) -> None:
    assert_step(results, "completion")
    assert results["completion_prefix"] == "ad"
    assert "add" in results["completion"]


def test_xref_definition(results: dict) -> None:
    assert_step(results, "definition")
    assert results["definition"]["line"] == DEFINITION_LINE
    assert results["definition"]["file"].endswith("main.cl")


def test_rename(results: dict) -> None:
    assert_step(results, "rename")
    text = "\n".join(results["after_rename"])
    assert "(define (plus a b)" in text and "(plus 40 2)" in text and "(plus 1)" in text
    assert "(add " not in text


def test_formatting(results: dict) -> None:
    assert_step(results, "formatting")
    assert "(define (square x) (* x x))" in results["after_formatting"]


def test_run_cell(results: dict) -> None:
    """Runs only when the server advertises claudelang.runCell (the evaluation kernel)."""
    assert_step(results, "run_cell")
    if results["run_cell_advertised"] is not True:
        pytest.skip("the server does not advertise claudelang.runCell")
    assert {"line": 5, "value": "42"} in results["shown_values"]
    assert "hello from the kernel" in results["output"]
    assert results["run_response"]["error"] is None
    assert results["kernel_state"] in ("idle", "busy")
    assert_step(results, "interrupt")
