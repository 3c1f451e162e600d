"""Neovim (0.7 from Debian, or newer) with editors/neovim, driven headless by neovim_driver.lua."""

from __future__ import annotations

import subprocess
from pathlib import Path

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
def parser_dir(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """grammar/src/parser.c compiled to parser/claudelang.so, as nvim-treesitter would."""
    cc = subprocess.run(["sh", "-c", "command -v cc"], capture_output=True, text=True, check=False).stdout.strip()
    if not cc:
        return None
    root = tmp_path_factory.mktemp("nvim-parser")
    (root / "parser").mkdir()
    src = REPO / "grammar" / "src"
    target = root / "parser" / "claudelang.so"
    subprocess.run([cc, "-shared", "-fPIC", "-I", str(src), str(src / "parser.c"), "-o", str(target)], check=True)
    return root


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, parser_dir: Path | None) -> dict:
    nvim = find_program("nvim")
    workspace = copy_workspace(tmp_path_factory.mktemp("nvim"))
    out = workspace.parent / "results.json"
    command = [
        nvim,
        "--headless",
        "--clean",
        "--cmd",
        f"set rtp^={REPO / 'editors' / 'neovim'}",
        "-c",
        f"luafile {REPO / 'tests' / 'editors' / 'neovim_driver.lua'}",
    ]
    env = {"CLAUDELANG_FILE": str(workspace / "main.cl"), "CLAUDELANG_PARSER_DIR": str(parser_dir or "")}
    return run_driver(command, out, env)


def test_filetype_and_word_characters(results: dict) -> None:
    assert results["filetype"] == "claudelang"  # not Vim's default, lisp
    assert results["iskeyword_word"] == "io:print"


def test_server_attaches(results: dict) -> None:
    assert_step(results, "attach")
    assert results["client_name"] == "claudelang"


def test_diagnostics(results: dict) -> None:
    assert_step(results, "diagnostics")
    assert any(
        d["lnum"] == ARITY_ERROR_LINE and "expects 2 arguments" in d["message"] and d["severity"] == 1
        for d in results["diagnostics"]
    ), results["diagnostics"]


def test_hover(results: dict) -> None:
    assert_step(results, "hover")
    assert "(add a b)" in results["hover"]
    assert "Add two numbers." in results["hover"]


def test_completion(results: dict) -> None:
    assert_step(results, "completion")
    assert "add" in results["completion"]


def test_go_to_definition_moves_the_cursor(results: dict) -> None:
    assert_step(results, "definition")
    assert results["definition"]["line"] == DEFINITION_LINE
    assert results["definition"]["buffer"].endswith("main.cl")


def test_rename_edits_the_buffer(results: dict) -> None:
    assert_step(results, "rename")
    text = "\n".join(results["after_rename"])
    assert "(define (plus a b)" in text and "(plus 40 2)" in text and "(plus 1)" in text
    assert "(add " not in text


def test_formatting_edits_the_buffer(results: dict) -> None:
    assert_step(results, "formatting")
    assert "(define (square x) (* x x))" in results["after_formatting"]


def test_run_cell(results: dict) -> None:
    """Runs only when the server advertises claudelang.runCell (the evaluation kernel)."""
    assert_step(results, "run_cell")
    if not results["run_cell_advertised"]:
        pytest.skip("the server does not advertise claudelang.runCell")
    response = results["run_response"]
    assert response.get("err") is None, response
    assert {"line": 5, "text": "⇒ 42"} in results["shown_values"]
    assert "hello from the kernel" in results["output"]
    assert results["kernel_state"] in ("idle", "busy")
    assert_step(results, "interrupt")


def test_tree_sitter_highlights(results: dict, parser_dir: Path | None) -> None:
    if parser_dir is None:
        pytest.skip("no C compiler to build the parser")
    assert_step(results, "treesitter")
    captures = results["captures"]
    assert "keyword" in captures["define"]
    assert "comment.cell" in captures[";; %% Helpers"]
    assert "function.builtin" in captures["io:print"]
    assert "string" in captures['"hello from the kernel"']
