"""ClaudeLang locations and tracebacks from Python tracebacks, and how errors are shown.

Generated code carries ClaudeLang line/column positions, so CPython's position table
(`co_positions`) tells, for each frame of ClaudeLang code, exactly which form was running.
Frames of the runtime itself (builtins, helpers) are skipped.
"""

from __future__ import annotations

from types import TracebackType

from claudelang.runtime.errors import ClError, Frame, Location
from claudelang.vm.support import display_name


def attach_traceback(error: ClError, tb: TracebackType | None, sources: dict[str, str]) -> ClError:
    """Fill in `error.location` and `error.frames` from the ClaudeLang frames of `tb`."""
    frames: list[Frame] = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename in sources:
            positions = list(code.co_positions())
            index = tb.tb_lasti // 2
            line, end_line, col, end_col = positions[index] if index < len(positions) else (tb.tb_lineno, None, None, None)
            location = Location(code.co_filename, line or tb.tb_lineno, (col or 0) + 1, end_line, (end_col or 0) + 1 if end_col is not None else None)
            frames.append(Frame(display_name(code.co_name), location))
        tb = tb.tb_next
    if frames and not error.frames:
        error.frames = list(reversed(frames))  # innermost first, as ClError expects
    if frames and error.location is None:
        error.location = frames[-1].location
    return error


def format_error(error: ClError, sources: dict[str, str]) -> str:
    """The message, the offending line with a caret, and the ClaudeLang traceback."""
    lines = [f"error[{error.kind}]: {error.message}"]
    location = error.location
    if location is not None:
        lines.append(f"  --> {location}")
        lines.extend(source_excerpt(location, sources.get(location.file or "")))
    if len(error.frames) > 0:
        lines.append("traceback (most recent call last):")
        for frame in reversed(error.frames):
            where = f"{frame.location}" if frame.location else "?"
            lines.append(f"  {where} in {frame.function}")
    return "\n".join(lines)


def source_excerpt(location: Location, text: str | None) -> list[str]:
    if text is None:
        return []
    source_lines = text.splitlines()
    if not 1 <= location.line <= len(source_lines):
        return []
    line_text = source_lines[location.line - 1]
    start = max(location.col - 1, 0)
    if location.end_line == location.line and location.end_col:
        width = max(location.end_col - location.col, 1)
    else:
        width = max(len(line_text) - start, 1)
    gutter = str(location.line)
    pad = " " * len(gutter)
    return [f" {pad} |", f" {gutter} | {line_text}", f" {pad} | {' ' * start}{'^' * width}"]
