"""ClaudeLang locations and tracebacks from Python tracebacks, and how errors are shown.

Generated code carries ClaudeLang line/column positions, so CPython's position table
(`co_positions`) tells, for each frame of ClaudeLang code, exactly which form was running.
Frames of the runtime itself (builtins, helpers) are skipped.
"""

from __future__ import annotations

import re
from types import CodeType, TracebackType

from claudelang.runtime.errors import ClError, Frame, Location
from claudelang.vm.pyerrors import display_name

LINE_BREAK = re.compile(r"\r\n?|\n")  # as LSP and the parser count lines (not str.splitlines)


def attach_traceback(error: ClError, tb: TracebackType | None, sources: dict[str, str]) -> ClError:
    """Fill in `error.location` and `error.frames` from the ClaudeLang frames of `tb`.

    An error that already has frames (it was raised while a module loaded) keeps them;
    the frames of `tb`, which lie further out, are added after them.
    """
    frames: list[Frame] = []
    made: dict[tuple[CodeType, int], Frame] = {}  # deep recursion repeats the same few frames
    while tb is not None:
        code = tb.tb_frame.f_code
        frame = made.get((code, tb.tb_lasti))
        if frame is None and code.co_filename in sources:
            frame = made[code, tb.tb_lasti] = Frame(display_name(code.co_name), frame_location(code, tb))
        if frame is not None:
            frames.append(frame)
        tb = tb.tb_next
    frames.reverse()  # innermost first, as ClError expects
    if frames and error.looped_calls:  # the recursion the compiler turned into a loop
        frames[:0] = [frames[0]] * error.looped_calls
    if frames and error.location is None:
        error.location = frames[0].location
    error.frames.extend(frames)
    return error


def frame_location(code: CodeType, tb: TracebackType) -> Location:
    """The source range of the instruction `tb` stopped at, from CPython's position table."""
    positions = list(code.co_positions())
    index = tb.tb_lasti // 2
    line, end_line, col, end_col = positions[index] if index < len(positions) else (None, None, None, None)
    end = (end_col or 0) + 1 if end_col is not None else None
    return Location(code.co_filename, line or tb.tb_lineno, (col or 0) + 1, end_line, end)


def format_error(error: ClError, sources: dict[str, str]) -> str:
    """The message, the offending line with a caret, and the ClaudeLang traceback."""
    lines = [f"error[{error.kind}]: {error.message}"]
    location = error.location
    if location is not None:
        lines.append(f"  --> {location}")
        lines.extend(source_excerpt(location, sources.get(location.file or "")))
    if len(error.frames) > 0:
        lines.append("traceback (most recent call last):")
        lines.extend(traceback_lines(error.frames))
    return "\n".join(lines)


def traceback_lines(frames: list[Frame]) -> list[str]:
    """One line per frame, outermost first; runs of one repeated line are collapsed."""
    shown: list[str] = []
    previous, repeats = None, 0
    for frame in reversed(frames):
        line = f"  {frame.location or '?'} in {frame.function}"
        if line == previous:
            repeats += 1
            continue
        shown.extend(repeat_lines(previous, repeats))
        shown.append(line)
        previous, repeats = line, 0
    shown.extend(repeat_lines(previous, repeats))
    return shown


def repeat_lines(line: str | None, repeats: int) -> list[str]:
    """The lines standing for `repeats` more copies of `line`."""
    if repeats <= 2:
        return [line] * repeats if line is not None else []
    return [line, f"  [previous line repeated {repeats - 1} more times]"]


def source_excerpt(location: Location, text: str | None) -> list[str]:
    if text is None:
        return []
    source_lines = LINE_BREAK.split(text)
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
