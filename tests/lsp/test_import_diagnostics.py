"""The server's diagnostics report, through real LSP messages, what `claudelang check` reports
about imports (and `run` raises while loading them): a module that fails to load, import
cycles named in order, nothing for code loading does not run; and they follow a module file
changed on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
from claudelang.cli.check import file_diagnostics
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.import_projects import GOOD_LIB, PROJECTS, Project, write_project
from tests.lsp.conftest import SERVER, diagnostics_of, initialize_in, open_document, uri_of

CHECK_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.*)$")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Every project in a folder of its own, written before the server indexes them."""
    for number, project in enumerate(PROJECTS.values()):
        write_project(tmp_path / f"p{number}", project)
    return tmp_path


@pytest_lsp.fixture(params=["visual-studio-code", "neovim"], config=SERVER)  # pulls diagnostics; has them pushed
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient, root: Path):
    await initialize_in(lsp_client, root, request.param, "imports")
    yield
    await lsp_client.shutdown_session()


def expected(project: Project) -> list[tuple[int, int, str]]:
    """The 0-based position and message of `check`'s one diagnostic for the project."""
    if project.check is None:
        return []
    found = CHECK_LINE.match(project.check)
    assert found is not None
    return [(int(found["line"]) - 1, int(found["col"]) - 1, found["message"])]


def seen(diagnostics: list[lsp.Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.range.start.line, d.range.start.character, d.message) for d in diagnostics]


@pytest.mark.parametrize("number", range(len(PROJECTS)), ids=PROJECTS.keys())
async def test_diagnostics_report_what_check_reports(client: LanguageClient, root: Path, number: int) -> None:
    project = list(PROJECTS.values())[number]
    path = root / f"p{number}" / project.checked
    uri = await open_document(client, path)
    want = expected(project)
    found = await diagnostics_of(client, uri, until=lambda d: seen(d) == want)
    assert seen(found) == want
    check = file_diagnostics(path.read_text(), path)
    assert [(d.span.start.line, d.span.start.col, d.message) for d in check] == want


async def test_fixing_a_module_on_disk_clears_the_error_at_its_import(client: LanguageClient, root: Path) -> None:
    number = list(PROJECTS).index("unbound name at the module's top level")
    folder = root / f"p{number}"
    uri = await open_document(client, folder / "main.cl")
    await diagnostics_of(client, uri, until=lambda d: seen(d) == expected(PROJECTS[list(PROJECTS)[number]]))
    (folder / "lib.cl").write_text(GOOD_LIB)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri_of(folder / "lib.cl"), type=lsp.FileChangeType.Changed)]
        )
    )
    assert await diagnostics_of(client, uri, until=lambda d: d == []) == []
