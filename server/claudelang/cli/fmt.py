"""`claudelang fmt FILE...`: rewrite files with the canonical formatter (`--check`: report only;
`--modernize`: first rewrite earlier spellings, LANGUAGE.md §10, in their 1.1 form).

Files are read and written without newline translation: a raw CR or CRLF inside a string
literal is part of the program's value, and formatting never changes a value.
"""

from __future__ import annotations

import sys
from pathlib import Path

from claudelang.format import FormatError, format_source
from claudelang.format.modernize import modernize_source


def fmt_command(files: list[str], check: bool = False, modernize: bool = False) -> int:
    failed = changed = 0
    for name in files:
        path = Path(name)
        try:
            with path.open(encoding="utf-8", newline="") as stream:
                text = stream.read()
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{name}: error: cannot read file: {exc}", file=sys.stderr)
            failed += 1
            continue
        try:
            formatted = format_source(modernize_source(text) if modernize else text)
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
            with path.open("w", encoding="utf-8", newline="") as stream:
                stream.write(formatted)
            print(f"{name}: formatted")
    return 1 if failed or (check and changed) else 0
