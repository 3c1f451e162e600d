"""What two versions of a document's text share at either end, found by `memcmp`.

`bytes.startswith` and `bytes.endswith` take a `memoryview` slice (no copy) and a start or
end, and compare with `memcmp`: a claim ("these leading bytes are unchanged") costs one
call, O(bytes) at memory speed (≈ 5 µs for 500 KB), and the exact shared prefix or suffix
a bisection of such calls, each comparing only the bytes not yet known to match: O(log n)
calls, at most 2n bytes compared. Callers map byte counts to top-level units by bisection
over their starts (`units_before`, `units_from`), so no step is taken per unit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")


def starts_alike(old: bytes, new: bytes, length: int) -> bool:
    """Whether the first `length` bytes of `old` and `new` are the same."""
    return length <= len(old) and new.startswith(memoryview(old)[:length])


def ends_alike(old: bytes, new: bytes, length: int) -> bool:
    """Whether the last `length` bytes of `old` and `new` are the same."""
    return length <= len(old) and new.endswith(memoryview(old)[len(old) - length :])


def shared_prefix(old: bytes, new: bytes) -> int:
    """How many leading bytes `old` and `new` share."""
    view, low, high = memoryview(old), 0, min(len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if new.startswith(view[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def shared_suffix(old: bytes, new: bytes, limit: int) -> int:
    """How many trailing bytes `old` and `new` share, at most `limit`."""
    view, low, high = memoryview(old), 0, min(limit, len(old), len(new))
    while low < high:
        middle = (low + high + 1) // 2
        if new.endswith(view[len(old) - middle : len(old) - low], 0, len(new) - low):
            low = middle
        else:
            high = middle - 1
    return low


def units_before(
    units: Sequence[Item], offset: int, count: int, start: Callable[[Item], int], end: Callable[[Item], int]
) -> int:
    """How many of the first `count` units (in document order) lie before byte `offset`:
    those starting before it, less the last of them if it ends after it."""
    found = bisect_left(units, offset, 0, count, key=start)
    return found - 1 if found and end(units[found - 1]) > offset else found


def units_from(units: Sequence[Item], offset: int, count: int, start: Callable[[Item], int]) -> int:
    """How many of the last `count` units start at or after byte `offset`."""
    return len(units) - bisect_left(units, offset, len(units) - count, len(units), key=start)


BLOCK = 512  # items compared at once (a slice each, compared in C) before single ones


def shared_ends(old: Sequence[int], old_range: range, new: Sequence[int], new_range: range) -> tuple[int, int]:
    """How many leading and trailing items `old[old_range]` and `new[new_range]` (ranges of
    step 1) share, not overlapping: block by block (slices compared in C), then item by
    item, so O(items shared / BLOCK + BLOCK) Python steps."""
    limit = min(len(old_range), len(new_range))
    a, b = old_range.start, new_range.start
    front = 0
    while front + BLOCK <= limit and old[a + front : a + front + BLOCK] == new[b + front : b + front + BLOCK]:
        front += BLOCK
    while front < limit and old[a + front] == new[b + front]:
        front += 1
    room, a, b = limit - front, old_range.stop, new_range.stop
    back = 0
    while back + BLOCK <= room and old[a - back - BLOCK : a - back] == new[b - back - BLOCK : b - back]:
        back += BLOCK
    while back < room and old[a - back - 1] == new[b - back - 1]:
        back += 1
    return front, back
