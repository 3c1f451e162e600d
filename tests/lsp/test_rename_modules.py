"""Rename through real LSP messages never breaks a program: modules and their importers,
aliases, `*` imports, shadowing, and the renames that are refused because a name would
capture, or be captured by, another binding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import pytest_lsp
from claudelang import Session
from claudelang.cli.check import file_diagnostics
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

from tests.lsp.conftest import SERVER, initialize_in, open_document, uri_of

MODULE = "(module m (export sq) (define (sq x) (* x x)) (define (quad x) (sq (sq x))))\n"
MAIN = '(import "m" (sq))\n(io:print (sq 5))\n'
ALIASED = '(import "m" ([sq as s]))\n(define (quad-of n) (s (s n)))\n(io:print (s 3) (quad-of 1))\n'
STAR = '(import "m" *)\n(io:print (sq 2) (abs -3))\n'
OWN = '(import "m" (sq))\n(define (cube x) (* x (sq x)))\n(io:print (cube 2))\n'
FILES = {"m.cl": MODULE, "main.cl": MAIN, "aliased.cl": ALIASED, "star.cl": STAR, "own.cl": OWN}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rename")
    for name, text in FILES.items():
        (folder / name).write_text(text)
    return folder


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, root: Path):
    await initialize_in(lsp_client, root, name="rename")
    lsp_client.root = root  # type: ignore[attr-defined]
    for _ in range(250):  # wait for the background index to hold every file
        if await lsp_client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query="quad")):
            break
    yield
    await lsp_client.shutdown_session()


def position(text: str, needle: str, nth: int = 0, inside: int = 1) -> lsp.Position:
    """The position `inside` characters into the `nth` occurrence of `needle`."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    before = text[: offset + inside]
    return lsp.Position(line=before.count("\n"), character=len(before) - before.rfind("\n") - 1)


async def rename(client: LanguageClient, name: str, needle: str, new_name: str, nth: int = 0) -> dict[str, str]:
    """Rename at `needle` in file `name` (opened); the resulting texts of every file."""
    root: Path = client.root  # type: ignore[attr-defined]
    uri = await open_document(client, root / name)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=position(FILES[name], needle, nth),
            new_name=new_name,
        )
    )
    return applied(root, edit)


def applied(root: Path, edit: lsp.WorkspaceEdit | None, files: dict[str, str] = FILES) -> dict[str, str]:
    texts = dict(files)
    for uri, edits in (edit.changes or {}).items() if edit else []:
        name = next(n for n in files if uri_of(root / n) == uri)
        lines = texts[name].split("\n")
        for change in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            start, end = change.range.start, change.range.end
            assert start.line == end.line
            line = lines[start.line]
            lines[start.line] = line[: start.character] + change.new_text + line[end.character :]
        texts[name] = "\n".join(lines)
    return texts


def outputs(texts: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """What each program prints, after checking that every file is free of errors."""
    for name, text in texts.items():
        (tmp_path / name).write_text(text)
    for name in texts:
        errors = [d.message for d in file_diagnostics(texts[name], tmp_path / name) if d.severity.name == "ERROR"]
        assert not errors, (name, errors)
    out = {}
    for name in ("main.cl", "aliased.cl", "star.cl", "own.cl"):
        session = Session(capture_output=True)
        session.run_file(tmp_path / name)
        out[name] = session.output()
    return out


async def test_rename_from_the_importer_updates_the_module_export_and_its_own_uses(
    client: LanguageClient, tmp_path: Path
) -> None:
    await open_document(client, client.root / "m.cl")  # type: ignore[attr-defined]
    for needle in ["(sq 5", "(sq))"]:  # at the use, and at the import entry
        texts = await rename(client, "main.cl", needle, "square")
        assert texts["m.cl"] == (
            "(module m (export square) (define (square x) (* x x)) (define (quad x) (square (square x))))\n"
        )
        assert texts["main.cl"] == '(import "m" (square))\n(io:print (square 5))\n'
        assert texts["aliased.cl"] == ALIASED.replace("[sq as s]", "[square as s]")
        assert texts["star.cl"] == '(import "m" *)\n(io:print (square 2) (abs -3))\n'
        assert outputs(texts, tmp_path) == outputs(dict(FILES), tmp_path)


async def test_rename_from_the_module_reaches_importers_that_are_not_open(
    client: LanguageClient, tmp_path: Path
) -> None:
    for needle, nth in [("sq x", 0), ("sq)", 0), ("sq (sq", 0)]:  # define, export entry, body use
        texts = await rename(client, "m.cl", needle, "sqr", nth)
        assert texts["m.cl"] == "(module m (export sqr) (define (sqr x) (* x x)) (define (quad x) (sqr (sqr x))))\n"
        assert texts["main.cl"] == '(import "m" (sqr))\n(io:print (sqr 5))\n'
        assert texts["aliased.cl"] == ALIASED.replace("[sq as s]", "[sqr as s]")
        assert texts["star.cl"] == '(import "m" *)\n(io:print (sqr 2) (abs -3))\n'
        assert texts["own.cl"] == '(import "m" (sqr))\n(define (cube x) (* x (sqr x)))\n(io:print (cube 2))\n'
        expected = {"main.cl": "25\n", "aliased.cl": "9 1\n", "star.cl": "4 3\n", "own.cl": "8\n"}
        assert outputs(texts, tmp_path) == expected


async def test_references_from_the_module_list_every_file(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "m.cl")  # type: ignore[attr-defined]
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=position(MODULE, "sq x"),
            context=lsp.ReferenceContext(include_declaration=False),
        )
    )
    by_file: dict[str, int] = {}
    for location in found:
        name = location.uri.rsplit("/", 1)[-1]
        by_file[name] = by_file.get(name, 0) + 1
    assert by_file == {"m.cl": 3, "main.cl": 1, "aliased.cl": 1, "star.cl": 1, "own.cl": 1}


async def test_an_alias_is_a_name_of_its_own(client: LanguageClient) -> None:
    texts = await rename(client, "aliased.cl", "s 3", "sq2")
    assert texts["aliased.cl"] == (
        '(import "m" ([sq as sq2]))\n(define (quad-of n) (sq2 (sq2 n)))\n(io:print (sq2 3) (quad-of 1))\n'
    )
    assert texts["m.cl"] == MODULE and texts["main.cl"] == MAIN
    texts = await rename(client, "aliased.cl", "sq as", "sqr")  # the exported name in the entry
    assert texts["aliased.cl"] == ALIASED.replace("[sq as s]", "[sqr as s]")
    assert "(export sqr)" in texts["m.cl"] and "(sqr 5)" in texts["main.cl"]


SCOPES = """(define x 10)
(define (f x) (let ((y (* x 2))) (+ x y)))
(define (g lst) (match lst ([x ...rest] (+ x (f x))) (_ x)))
(define (h n) (let ((x (+ n x))) (let loop ((x x) (acc 0)) (if (= x 0) acc (loop (- x 1) (+ acc x))))))
(io:print (f x) (g [1 2]) (g []) (h 2))
"""


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        (  # the global: never the locals of the same spelling
            "x 10",
            """(define zz 10)
(define (f x) (let ((y (* x 2))) (+ x y)))
(define (g lst) (match lst ([x ...rest] (+ x (f x))) (_ zz)))
(define (h n) (let ((x (+ n zz))) (let loop ((x x) (acc 0)) (if (= x 0) acc (loop (- x 1) (+ acc x))))))
(io:print (f zz) (g [1 2]) (g []) (h 2))
""",
        ),
        ("x) (let", "(define (f zz) (let ((y (* zz 2))) (+ zz y)))"),  # a parameter
        ("y (*", "(define (f x) (let ((zz (* x 2))) (+ x zz)))"),  # a let-bound name
        ("x ...rest", "(define (g lst) (match lst ([zz ...rest] (+ zz (f zz))) (_ x)))"),  # a pattern variable
        (  # a let-bound x whose init reads the global x; the named let's x shadows it
            "x (+ n",
            "(define (h n) (let ((zz (+ n x))) (let loop ((x zz) (acc 0)) (if (= x 0) acc (loop (- x 1) (+ acc x))))))",
        ),
        (
            "x x)",
            "(define (h n) (let ((x (+ n x))) (let loop ((zz x) (acc 0)) "
            "(if (= zz 0) acc (loop (- zz 1) (+ acc zz))))))",
        ),
    ],
)
async def test_locals_follow_the_scoping_rules(client: LanguageClient, needle: str, expected: str) -> None:
    root: Path = client.root  # type: ignore[attr-defined]
    uri = await open_document(client, root / "scopes.cl", SCOPES)
    edit = await client.text_document_rename_async(
        lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=position(SCOPES, needle), new_name="zz"
        )
    )
    texts = applied(root, edit, {"scopes.cl": SCOPES})
    if "\n" in expected.strip():
        assert texts["scopes.cl"] == expected
    else:
        line = next(n for n, text in enumerate(SCOPES.splitlines()) if text.startswith(expected[:10]))
        assert texts["scopes.cl"].splitlines()[line] == expected
        assert sum(a != b for a, b in zip(texts["scopes.cl"].splitlines(), SCOPES.splitlines(), strict=True)) == 1


REFUSALS = """(define total 1)
(define (g) 2)
(define (add a b) (let ((c 3)) (+ a b c total)))
(define (pick v) (match v ((Some w) w) (_ 0)))
(data Opt (None) (Some x))
(io:print (add 1 2) (g) (abs -1) (pick (Some 1)))
"""


@pytest.mark.parametrize(
    ("needle", "new_name", "reason"),
    [
        ("c 3", "a", "the existing use of 'a' at refusals.cl:3:35 would then refer to the renamed local 'c' of line 3"),
        ("c 3", "total", "the existing use of 'total' at refusals.cl:3:41 would then refer to the renamed local 'c'"),
        ("a b)", "total", "'total' at refusals.cl:3:41 would then refer to the renamed parameter 'a' of line 3"),
        ("total 1", "c", "the use at refusals.cl:3:41 would then refer to the local 'c' of line 3"),
        ("a b)", "b", "'b' of line 3 is in the same scope"),
        ("g)", "total", "'total' of line 1 is in the same scope"),
        ("g)", "abs", "'abs' at refusals.cl:6:26 would then refer to the renamed function 'g' of line 2"),
        ("w) w", "W", "cannot rename 'w' to 'W': it would change how refusals.cl:4:34 is read"),
        ("g)", "nil", "'nil' is not a valid ClaudeLang name"),
        ("g)", ":g", "':g' is not a valid"),
        ("g)", "io:g", "'io:…' names are effect operations"),
        ("g)", "...g", "not a valid ClaudeLang name"),
        ("g)", "if", "not a valid ClaudeLang name"),
    ],
)
async def test_refusals_say_why(client: LanguageClient, needle: str, new_name: str, reason: str) -> None:
    uri = await open_document(client, client.root / "refusals.cl", REFUSALS)  # type: ignore[attr-defined]
    with pytest.raises(JsonRpcException, match=re.escape(reason)):
        await client.text_document_rename_async(
            lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=position(REFUSALS, needle),
                new_name=new_name,
            )
        )


@pytest.mark.parametrize(
    ("new_name", "reason"),
    [
        ("cube", "cannot rename 'sq' to 'cube': the function 'cube' of line 2 is in the same scope (own.cl:2:10)"),
        ("abs", "'abs' at star.cl:2:19 would then refer to the import 'abs' of line 1 instead of the builtin 'abs'"),
        ("quad", "the function 'quad' of line 1 is in the same scope (m.cl:1:56)"),
    ],
)
async def test_an_exported_rename_that_a_file_would_capture_is_refused(
    client: LanguageClient, new_name: str, reason: str
) -> None:
    uri = await open_document(client, client.root / "m.cl")  # type: ignore[attr-defined]
    with pytest.raises(JsonRpcException, match=re.escape(reason)):
        await client.text_document_rename_async(
            lsp.RenameParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri), position=position(MODULE, "sq x"), new_name=new_name
            )
        )


async def test_builtins_cannot_be_renamed(client: LanguageClient) -> None:
    uri = await open_document(client, client.root / "main.cl")  # type: ignore[attr-defined]
    with pytest.raises(JsonRpcException, match="'io:print' is a builtin"):
        await client.text_document_prepare_rename_async(
            lsp.PrepareRenameParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=position(MAIN, "io:"))
        )
