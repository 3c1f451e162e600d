"""Neovim (0.7 from Debian, or newer) with editors/neovim installed from its lazy.nvim spec,
driven headless by neovim_driver.lua (and neovim_failure_driver.lua for a server that cannot
start)."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest

from tests.editors import conftest as shared


@pytest.fixture(scope="module")
def parser_dir(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """grammar/src/parser.c compiled to parser/claudelang.so, as nvim-treesitter would."""
    cc = subprocess.run(["sh", "-c", "command -v cc"], capture_output=True, text=True, check=False).stdout.strip()
    if not cc:
        return None
    root = tmp_path_factory.mktemp("nvim-parser")
    (root / "parser").mkdir()
    src = shared.REPO / "grammar" / "src"
    target = root / "parser" / "claudelang.so"
    subprocess.run([cc, "-shared", "-fPIC", "-I", str(src), str(src / "parser.c"), "-o", str(target)], check=True)
    return root


LAZY_SPEC = str(shared.REPO / "editors" / "neovim" / "lazy-spec.lua")


def nvim_args(driver: str) -> list[str]:
    return ["--headless", "--clean", "-c", f"luafile {shared.REPO / 'tests' / 'editors' / driver}"]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, parser_dir: Path | None) -> dict:
    env = {"CLAUDELANG_LAZY_SPEC": LAZY_SPEC, "CLAUDELANG_PARSER_DIR": str(parser_dir or "")}
    return shared.drive_editor(tmp_path_factory, "nvim", nvim_args("neovim_driver.lua"), env)


@pytest.fixture(scope="module")
def failure(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The plugin's messages when the server cannot start (an interpreter without claudelang)."""
    bare = tmp_path_factory.mktemp("bare-python")
    venv.create(bare, with_pip=False)
    env = {"CLAUDELANG_LAZY_SPEC": LAZY_SPEC, "CLAUDELANG_PYTHON": str(bare / "bin" / "python")}
    return shared.drive_editor(tmp_path_factory, "nvim", nvim_args("neovim_failure_driver.lua"), env)


def test_filetype_and_word_characters(results: dict) -> None:
    assert results["filetype"] == "claudelang"  # not Vim's default, lisp
    assert results["iskeyword_word"] == "io:print"


def test_server_attaches(results: dict) -> None:
    shared.assert_step(results, "attach")
    assert results["client_name"] == "claudelang"


def test_diagnostics(results: dict) -> None:
    shared.assert_step(results, "diagnostics")
    assert any(
        d["lnum"] == shared.ARITY_ERROR_LINE and "expects 2 arguments" in d["message"] and d["severity"] == 1
        for d in results["diagnostics"]
    ), results["diagnostics"]


def test_hover(results: dict) -> None:
    shared.assert_hover_shows_signature(results)
    assert "Add two numbers." in results["hover"]


def test_completion(results: dict) -> None:
    shared.assert_completion_offers_add(results)


def test_go_to_definition_moves_the_cursor(results: dict) -> None:
    shared.assert_definition_found(results, "buffer")


def test_rename_edits_the_buffer(results: dict) -> None:
    shared.assert_renamed_add_to_plus(results)


def test_formatting_edits_the_buffer(results: dict) -> None:
    shared.assert_formatted(results)


def test_run_cell(results: dict) -> None:
    """Runs only when the server advertises claudelang.runCell (the evaluation kernel)."""
    shared.require_run_cell(results)
    response = results["run_response"]
    assert response.get("err") is None, response
    assert {"line": 5, "text": "⇒ 42"} in results["shown_values"]
    shared.assert_kernel_ran_cell(results)


def test_tree_sitter_highlights(results: dict, parser_dir: Path | None) -> None:
    if parser_dir is None:
        pytest.skip("no C compiler to build the parser")
    shared.assert_step(results, "treesitter")
    captures = results["captures"]
    assert "keyword" in captures["define"]
    assert "comment.cell" in captures[";; %% Helpers"]
    assert "function.builtin" in captures["io:print"]
    assert "string" in captures['"hello from the kernel"']


def test_missing_package_names_the_command_and_the_fix(failure: dict) -> None:
    shared.assert_step(failure, "missing_package")
    message, python = failure["missing_package"]["message"], failure["python"]
    assert f"`{python} -m claudelang.lsp.main --stdio`" in message
    assert "No module named 'claudelang'" in message
    assert f"`{python} -m pip install claudelang`" in message
    assert "setup({ python = " in message


def test_missing_program_names_the_command_and_the_fix(failure: dict) -> None:
    shared.assert_step(failure, "not_executable")
    message = failure["not_executable"]["message"]
    assert "`/nonexistent/claudelang-lsp --stdio`" in message
    assert "is not an executable program" in message
    assert "pipx install claudelang" in message
