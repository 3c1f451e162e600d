"""Shared helpers for the real-editor tests (Neovim, Emacs, VS Code via code-server).

Each test drives a real editor headlessly against the ClaudeLang language server and then
asserts on what the editor received (the driver writes it to a JSON file). A test skips only
when its editor is not installed; with CLAUDELANG_REQUIRE_EDITORS=1 (set by CI through
scripts/editor-tests.sh) a missing editor is a failure instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WORKSPACE = HERE / "workspace"

# Lines of workspace/main.cl the drivers use (0-based).
DEFINITION_LINE = 2  # (define (add a b) (+ a b))
HOVER_LINE = 5  # (add 40 2)
ARITY_ERROR_LINE = 9  # (add 1)


def required() -> bool:
    return os.environ.get("CLAUDELANG_REQUIRE_EDITORS", "") not in ("", "0", "false")


def find_program(name: str) -> str:
    """The path of `name`, or skip (fail when editors are required)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (scripts/editor-tests.sh installs it)"
        if required():
            pytest.fail(message)
        pytest.skip(message)
    return path


def copy_workspace(tmp_path: Path) -> Path:
    target = tmp_path / "workspace"
    shutil.copytree(WORKSPACE, target)
    return target


def run_driver(command: list[str], results: Path, env: dict[str, str], timeout: float = 240) -> dict:
    """Run an editor driver and return the JSON it wrote."""
    full_env = {**os.environ, "CLAUDELANG_PYTHON": sys.executable, "CLAUDELANG_RESULTS": str(results), **env}
    proc = subprocess.run(
        command,
        cwd=REPO,
        env=full_env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if not results.exists():
        raise AssertionError(
            f"the driver wrote no results (exit {proc.returncode})\nstdout:\n{proc.stdout[-4000:]}\n"
            f"stderr:\n{proc.stderr[-4000:]}"
        )
    return json.loads(results.read_text())


def drive_editor(
    tmp_path_factory: pytest.TempPathFactory, program: str, args: list[str], env: dict[str, str] | None = None
) -> dict:
    """Run `program args` on a fresh copy of the workspace (CLAUDELANG_FILE is its main.cl)."""
    path = find_program(program)
    workspace = copy_workspace(tmp_path_factory.mktemp(program))
    env = {"CLAUDELANG_FILE": str(workspace / "main.cl"), **(env or {})}
    return run_driver([path, *args], workspace.parent / "results.json", env)


def assert_step(results: dict, name: str) -> None:
    steps = results.get("steps") or {}
    errors = results.get("errors") or {}
    assert steps.get(name) is True, f"step {name!r} failed: {errors.get(name)}"


# What every editor must have received from the server on workspace/main.cl; the tests add
# what only their editor records.


def assert_hover_shows_signature(results: dict) -> None:
    assert_step(results, "hover")
    assert "(add a b)" in results["hover"]


def assert_completion_offers_add(results: dict) -> None:
    assert_step(results, "completion")
    assert "add" in results["completion"]


def assert_definition_found(results: dict, location: str) -> None:
    """The cursor went to `(define (add a b)`; `location` names the key holding the file's name."""
    assert_step(results, "definition")
    assert results["definition"]["line"] == DEFINITION_LINE
    assert results["definition"][location].endswith("main.cl")


def assert_renamed_add_to_plus(results: dict) -> None:
    assert_step(results, "rename")
    text = "\n".join(results["after_rename"])
    assert "(define (plus a b)" in text and "(plus 40 2)" in text and "(plus 1)" in text
    assert "(add " not in text


def assert_formatted(results: dict) -> None:
    assert_step(results, "formatting")
    assert "(define (square x) (* x x))" in results["after_formatting"]


def require_run_cell(results: dict) -> None:
    """Skip unless the server advertised claudelang.runCell (the evaluation kernel)."""
    assert_step(results, "run_cell")
    if results["run_cell_advertised"] is not True:
        pytest.skip("the server does not advertise claudelang.runCell")


def assert_kernel_ran_cell(results: dict) -> None:
    """The cell's output arrived, the kernel is alive and the interrupt step worked."""
    assert "hello from the kernel" in results["output"]
    assert results["kernel_state"] in ("idle", "busy")
    assert_step(results, "interrupt")
