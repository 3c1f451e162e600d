"""`claudelang fmt FILE...`: rewrite files with the canonical formatter (`--check`: report only)."""

from __future__ import annotations

import sys
from pathlib import Path

from claudelang.format import FormatError, format_source


def fmt_command(files: list[str], check: bool = False) -> int:
    failed = changed = 0
    for name in files:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: error: cannot read file: {exc}", file=sys.stderr)
            failed += 1
            continue
        try:
            formatted = format_source(text)
        except FormatError as error:
            print(f"{name}:{error}: not formatted", file=sys.stderr)
            failed += 1
            continue
        if formatted == text:
            continue
        changed += 1
        if check:
            print(f"{name}: would be reformatted")
        else:
            path.write_text(formatted, encoding="utf-8")
            print(f"{name}: formatted")
    return 1 if failed or (check and changed) else 0
