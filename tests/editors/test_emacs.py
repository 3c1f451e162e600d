"""Emacs (28 from Debian) with claudelang-mode and eglot, driven in batch mode by emacs_driver.el."""

from __future__ import annotations

import pytest

from tests.editors import conftest as shared


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    driver = shared.REPO / "tests" / "editors" / "emacs_driver.el"
    args = ["--batch", "-Q", "-L", str(shared.REPO / "editors" / "emacs"), "-l", str(driver)]
    return shared.drive_editor(tmp_path_factory, "emacs", args)


def test_mode_and_syntax(results: dict) -> None:
    assert results["mode"] == "claudelang-mode"
    assert results["symbol_at_point"] == "io:print"
    assert results["comment_start"] == ";; "


def test_eglot_connects(results: dict) -> None:
    shared.assert_step(results, "attach")
    assert isinstance(results["server_commands"], list)


def test_diagnostics_reach_flymake(results: dict) -> None:
    shared.assert_step(results, "diagnostics")
    assert any(
        d["line"] == shared.ARITY_ERROR_LINE and "expects 2 arguments" in d["text"] and d["type"] == "eglot-error"
        for d in results["diagnostics"]
    ), results["diagnostics"]


def test_hover(results: dict) -> None:
    shared.assert_hover_shows_signature(results)


def test_completion_table(results: dict) -> None:
    shared.assert_completion_offers_add(results)
    assert results["completion_prefix"] == "ad"


def test_xref_definition(results: dict) -> None:
    shared.assert_definition_found(results, "file")


def test_rename(results: dict) -> None:
    shared.assert_renamed_add_to_plus(results)


def test_formatting(results: dict) -> None:
    shared.assert_formatted(results)


def test_run_cell(results: dict) -> None:
    """Runs only when the server advertises claudelang.runCell (the evaluation kernel)."""
    shared.require_run_cell(results)
    assert {"line": 5, "value": "42"} in results["shown_values"]
    assert results["run_response"]["error"] is None
    shared.assert_kernel_ran_cell(results)
