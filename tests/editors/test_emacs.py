"""Emacs (28 from Debian) with claudelang-mode and eglot, driven in batch mode by emacs_driver.el,
which loads the mode through the README's `use-package` form; and claudelang-mode.el installed
as a package (package.el reads its headers and makes its autoloads)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.editors import conftest as shared


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict:
    driver = shared.REPO / "tests" / "editors" / "emacs_driver.el"
    args = ["--batch", "-Q", "-l", str(driver)]
    return shared.drive_editor(tmp_path_factory, "emacs", args, {"CLAUDELANG_EMACS_DIR": str(EMACS_DIR)})


EMACS_DIR = shared.REPO / "editors" / "emacs"
INSTALL_AS_PACKAGE = """
(progn
  (setq package-user-dir (expand-file-name "elpa" (getenv "CLAUDELANG_TMP")))
  (package-initialize)
  (package-install-file (expand-file-name "claudelang-mode.el" (getenv "CLAUDELANG_EMACS_DIR")))
  (princ (format "%s %s %s\n"
                 (package-desc-version (cadr (assq 'claudelang-mode package-alist)))
                 (assoc-default "x.cl" auto-mode-alist #'string-match)
                 (and (fboundp 'claudelang-mode) (not (featurep 'claudelang-mode))))))
"""


def test_mode_and_syntax(results: dict) -> None:
    assert results["loaded_before_find_file"] is False  # use-package deferred it to the first .cl file
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


def test_installs_as_a_package(tmp_path: Path) -> None:
    """M-x package-install-file: valid headers, the version, and autoloads (the mode loads on first use)."""
    emacs = shared.find_program("emacs")
    proc = subprocess.run(
        [emacs, "--batch", "-Q", "--eval", INSTALL_AS_PACKAGE],
        env={**os.environ, "CLAUDELANG_TMP": str(tmp_path), "CLAUDELANG_EMACS_DIR": str(EMACS_DIR)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert proc.stdout.split() == ["(0", "1", "0)", "claudelang-mode", "t"], proc.stdout + proc.stderr[-2000:]
    assert (tmp_path / "elpa" / "claudelang-mode-0.1.0" / "claudelang-mode-autoloads.el").exists()
