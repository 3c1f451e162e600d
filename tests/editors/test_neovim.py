"""Neovim (0.7 from Debian, or newer) with editors/neovim, driven headless by neovim_driver.lua."""

from __future__ import annotations

import subprocess
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


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, parser_dir: Path | None) -> dict:
    args = [
        "--headless",
        "--clean",
        "--cmd",
        f"set rtp^={shared.REPO / 'editors' / 'neovim'}",
        "-c",
        f"luafile {shared.REPO / 'tests' / 'editors' / 'neovim_driver.lua'}",
    ]
    return shared.drive_editor(tmp_path_factory, "nvim", args, {"CLAUDELANG_PARSER_DIR": str(parser_dir or "")})


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
