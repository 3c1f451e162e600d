"""Module resolution and loading (LANGUAGE.md §7): search order, load-once, cycles.

A path is tried against the importing file's folder, that folder's `modules/`, the
workspace roots (the host's, then the root of the file being run) and `CLAUDELANG_PATH`,
as `path.cl` then `path/module.cl`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from claudelang.runtime.errors import ClError


def search_dirs(from_file: str | None, roots: Iterable[Path]) -> list[Path]:
    dirs: list[Path] = []
    if from_file and not from_file.startswith("<"):
        folder = Path(from_file).resolve().parent
        dirs += [folder, folder / "modules"]
    else:
        dirs += [Path.cwd(), Path.cwd() / "modules"]
    dirs += list(roots)
    dirs += [Path(p) for p in os.environ.get("CLAUDELANG_PATH", "").split(os.pathsep) if p]
    return dirs


def workspace_roots(entry_file: str | None) -> list[Path]:
    """The workspace root of the file being run: the nearest folder above it holding a
    `.git` or `claudelang.toml`, else its own folder (none for `<input>` and the like)."""
    if not entry_file or entry_file.startswith("<"):
        return []
    folder = Path(entry_file).resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists() or (candidate / "claudelang.toml").is_file():
            return [candidate]
    return [folder]


def resolve(path: str, from_file: str | None, roots: Iterable[Path]) -> Path:
    """The file a module path names, or a ClError listing where it looked."""
    tried: list[str] = []
    for folder in search_dirs(from_file, roots):
        for candidate in (folder / f"{path}.cl", folder / path / "module.cl"):
            tried.append(str(candidate))
            if candidate.is_file():
                return candidate.resolve()
    raise ClError("import", f'cannot find module "{path}" (looked for: {", ".join(tried)})')


def cycle_error(chain: list[Path], again: Path) -> ClError:
    names = [p.name for p in chain[chain.index(again) :]] + [again.name]
    return ClError("import", "import cycle: " + " -> ".join(names))
