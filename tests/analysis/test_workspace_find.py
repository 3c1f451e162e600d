"""`WorkspaceIndex.find`: which indexed file an import path names, without resolving
paths that are already indexed files' own (resolved) paths, and still through symlinks."""

from __future__ import annotations

from pathlib import Path

import pytest
from claudelang.analysis.workspace import WorkspaceIndex


def indexed(root: Path, names: list[str]) -> WorkspaceIndex:
    index = WorkspaceIndex([root], lambda path: path.read_bytes())
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"(module {path.stem} (export v) (define v 1))\n")
        index.update(path, path.read_text())
    return index


def test_an_import_chain_is_followed_without_resolving_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path.resolve()
    index = indexed(root, ["main.cl", "mods/a.cl", "mods/b.cl"])
    main, a = root / "main.cl", root / "mods/a.cl"

    def resolve(_path: Path, strict: bool = False) -> Path:
        raise AssertionError("resolved an indexed path")

    monkeypatch.setattr(Path, "resolve", resolve)
    assert index.find("mods/a", main) is index.files[a]
    assert index.find("b", a) is index.files[root / "mods/b.cl"]


def test_a_symlink_to_an_indexed_file_still_finds_it(tmp_path: Path) -> None:
    root = tmp_path.resolve()
    index = indexed(root, ["main.cl", "real/target.cl", "lib/module.cl"])
    (root / "alias.cl").symlink_to(root / "real/target.cl")
    assert index.find("alias", root / "main.cl") is index.files[root / "real/target.cl"]
    assert index.find("lib", root / "main.cl") is index.files[root / "lib/module.cl"]
    assert index.find("missing", root / "main.cl") is None
