"""`claudelang repl`: read forms (waiting for balanced brackets), evaluate, print.

Uses the standard library's `readline` for line editing and history (kept in
`~/.claudelang_history`) when it is available.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from claudelang.runtime.errors import ClError
from claudelang.runtime.printer import show
from claudelang.syntax import parse
from claudelang.vm import Session

HELP = """Enter ClaudeLang forms; a form may span several lines.
  :help    this text
  :quit    leave (Ctrl-D works too)
Values are printed after each input; errors do not end the session."""

HISTORY = Path.home() / ".claudelang_history"


def is_incomplete(text: str) -> bool:
    """True while the input has an unclosed bracket or string."""
    return any(d.message.startswith(("unclosed", "unterminated string")) for d in parse(text).diagnostics)


def setup_history() -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - not on every platform
        return
    with contextlib.suppress(OSError):
        readline.read_history_file(HISTORY)
    import atexit

    atexit.register(lambda: _save_history(readline))


def _save_history(readline: object) -> None:
    with contextlib.suppress(OSError):
        readline.write_history_file(HISTORY)  # type: ignore[attr-defined]


def read_input(interactive: bool) -> str | None:
    lines: list[str] = []
    prompt = "cl> "
    while True:
        try:
            line = input(prompt) if interactive else sys.stdin.readline()
        except EOFError:
            return None if not lines else "\n".join(lines)
        if not interactive:
            if line == "":
                return None if not lines else "\n".join(lines)
            line = line.rstrip("\n")
        lines.append(line)
        text = "\n".join(lines)
        if not is_incomplete(text):
            return text
        prompt = "... "


def repl_command(args: argparse.Namespace) -> int:
    interactive = sys.stdin.isatty()
    if interactive:
        setup_history()
        print("ClaudeLang REPL — :help for help, :quit to leave")
    session = Session(allow_network=args.allow_network)
    count = 0
    while True:
        text = read_input(interactive)
        if text is None:
            return 0
        command = text.strip()
        if not command:
            continue
        if command in (":quit", ":q", ":exit"):
            return 0
        if command in (":help", ":h"):
            print(HELP)
            continue
        count += 1
        try:
            value = session.eval(text, f"<repl:{count}>")
        except ClError as error:
            sys.stdout.flush()
            print(session.format_error(error), file=sys.stderr)
            continue
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            continue
        print(session.on_big_stack(lambda value=value: show(value)))  # a deeply nested value needs the stack
