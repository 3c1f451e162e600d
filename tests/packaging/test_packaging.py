"""The packages users install: `python -m build` gives an sdist and a wheel, the sdist carries
the grammar's C sources, and the wheel installed into a fresh virtual environment (what
`pipx install` does) gives working `claudelang` and `claudelang-lsp` commands.

Slow-ish (a build, a venv and the dependencies' install, about half a minute with pip's
cache), so everything is built once per module.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, client_capabilities

from tests.lsp.conftest import diagnostics_of, open_document, uri_of

REPO = Path(__file__).resolve().parents[2]
PROGRAM = """\
(define (greet name) (string-append "hello, " name))
(io:print (greet "wheel"))
(io:print (+ 40 2))
"""


def clean_env() -> dict[str, str]:
    """The environment without anything that would let the repository's sources leak in."""
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`python -m build` of the repository: the sdist, then the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def bin_dir(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel (and its dependencies) installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    (wheel,) = dist.glob("claudelang-*.whl")
    proc = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    return bin_dir


def test_sdist_carries_the_c_sources(dist: Path) -> None:
    (sdist,) = dist.glob("claudelang-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "grammar/src/parser.c",
        "grammar/src/tree_sitter/parser.h",
        "grammar/bindings/python/binding.c",
        "server/claudelang/runtime/_plist.c",
        "setup.py",
        "server/claudelang/syntax/grammar.py",
    ):
        assert needed in names, needed


def test_claudelang_run_from_the_installed_wheel(bin_dir: Path, tmp_path: Path) -> None:
    program = tmp_path / "hello.cl"
    program.write_text(PROGRAM)
    located = subprocess.run(
        [str(bin_dir / "python"), "-c", "import claudelang.syntax._grammar as g; print(g.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=True,
    )
    assert Path(located.stdout.strip()).is_relative_to(bin_dir.parent), located.stdout
    proc = subprocess.run(
        [str(bin_dir / "claudelang"), "run", str(program)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[:2] == ["hello, wheel", "42"], proc.stdout


def test_claudelang_lsp_version(bin_dir: Path) -> None:
    proc = subprocess.run(
        [str(bin_dir / "claudelang-lsp"), "--version"], capture_output=True, text=True, env=clean_env(), check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "claudelang-lsp 0.1.0"


async def test_claudelang_lsp_from_the_installed_wheel_reports_diagnostics(bin_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "main.cl"
    source.write_text("(define (add a b) (+ a b))\n(add 1)\n")
    config = ClientServerConfig(server_command=[str(bin_dir / "claudelang-lsp"), "--stdio"], server_env=clean_env())
    client = await config.start()
    try:
        await client.initialize_session(
            lsp.InitializeParams(
                capabilities=client_capabilities("neovim"),
                root_uri=uri_of(tmp_path),
                workspace_folders=[lsp.WorkspaceFolder(uri=uri_of(tmp_path), name="packaging")],
            )
        )
        uri = await open_document(client, source)
        found = await diagnostics_of(client, uri, until=lambda found: len(found) > 0)
        assert any(d.range.start.line == 1 and "expects 2 arguments" in d.message for d in found), found
        await client.shutdown_session()
    finally:
        await client.stop()
