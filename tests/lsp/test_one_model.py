"""The server's diagnostics say what `claudelang run` does, through real LSP messages: the
programs of tests/semantics get exactly the errors `run` raises (none for those that run),
and a malformed effect gets a syntax error without disturbing the server."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.conftest import SERVER, diagnostics_of, initialize_in, open_document
from tests.semantics.test_check_agrees_with_run import AGREE_CLEAN, AGREE_ERROR


def folder_of(case: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in case)[:50]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for case, (files, _output) in AGREE_CLEAN.items():
        for name, text in files.items():
            (tmp_path / folder_of(case)).mkdir(exist_ok=True)
            (tmp_path / folder_of(case) / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(params=["visual-studio-code", "neovim"], config=SERVER)  # pulls diagnostics; has them pushed
async def client(request: pytest.FixtureRequest, lsp_client: LanguageClient, root: Path):
    await initialize_in(lsp_client, root, request.param, "model")
    yield
    await lsp_client.shutdown_session()


def errors(diagnostics: list[lsp.Diagnostic]) -> list[tuple[int, int, str]]:
    return [
        (d.range.start.line, d.range.start.character, d.message)
        for d in diagnostics
        if d.severity == lsp.DiagnosticSeverity.Error
    ]


@pytest.mark.parametrize("case", sorted(AGREE_CLEAN), ids=lambda c: folder_of(c)[:40])
async def test_programs_that_run_get_no_errors(client: LanguageClient, root: Path, case: str) -> None:
    files, _output = AGREE_CLEAN[case]
    for name in files:
        uri = await open_document(client, root / folder_of(case) / name)
        assert errors(await diagnostics_of(client, uri)) == []


@pytest.mark.parametrize("case", sorted(AGREE_ERROR), ids=lambda c: folder_of(c)[:40])
async def test_the_error_run_raises_is_reported_there(client: LanguageClient, root: Path, case: str) -> None:
    source, _kind, where = AGREE_ERROR[case]
    line, col = (int(part) - 1 for part in where.split(":")[1:])
    uri = await open_document(client, root / "main.cl", source)
    found = errors(await diagnostics_of(client, uri, lambda d: bool(errors(d))))
    assert [(row, col_) for row, col_, _m in found] == [(line, col)]


async def test_a_malformed_effect_is_a_syntax_error_and_the_server_stays(client: LanguageClient, root: Path) -> None:
    uri = await open_document(client, root / "effect.cl", "(effect 42 (print 1))\n(define (f x) x)\n(f 1)\n")
    assert errors(await diagnostics_of(client, uri, lambda d: bool(errors(d))))
    hover = await client.text_document_hover_async(
        lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=2, character=1))
    )
    assert hover is not None and "(f x)" in str(hover.contents)
