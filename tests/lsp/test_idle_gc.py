"""The server's own garbage collection: frozen at a pause, everything collected at the next.

`collect_garbage_when_idle` runs the cyclic collector between messages. After the
collection at a pause it freezes the survivors, so that the full collections made while
the user types do not walk a big document's whole AST again; a cycle among frozen
objects that became garbage must still be collected at the following pause.
"""

from __future__ import annotations

import asyncio
import gc
import time
import weakref

from claudelang.lsp.server import ClaudeLangProtocol, collect_garbage_when_idle


class Node:
    """A cyclic object, as AST nodes and their definitions are."""

    def __init__(self) -> None:
        self.me = self


async def run_collector() -> tuple[int, bool, bool]:
    """Idle, then busy, then idle again; what was frozen, and whether the cycle lived."""
    saved = ClaudeLangProtocol.last_activity
    collector = asyncio.ensure_future(collect_garbage_when_idle(idle_seconds=0.05, young_every=0.01))
    try:
        survivor = Node()
        ClaudeLangProtocol.last_activity = time.monotonic()
        await asyncio.sleep(0.2)  # a pause: collected and frozen
        frozen = gc.get_freeze_count()
        watch = weakref.ref(survivor)
        del survivor  # now cyclic garbage among frozen objects
        for _ in range(10):  # typing: young and middle collections only
            ClaudeLangProtocol.last_activity = time.monotonic()
            await asyncio.sleep(0.01)
        alive_while_typing = watch() is not None
        await asyncio.sleep(0.2)  # the next pause
        return frozen, alive_while_typing, watch() is not None
    finally:
        collector.cancel()
        ClaudeLangProtocol.last_activity = saved
        gc.unfreeze()
        gc.enable()


def test_a_pause_freezes_the_survivors_and_the_next_pause_collects_them() -> None:
    frozen, alive_while_typing, alive_after = asyncio.run(run_collector())
    assert frozen > 0
    assert alive_while_typing  # frozen: the collections while typing skip it
    assert not alive_after


async def first_collections_while_typing() -> tuple[list[int], bool, bool]:
    """Typing from the start, before any pause: the generations collected; whether a cycle
    made before typing lived through it, and through the pause after."""
    generations: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            generations.append(info["generation"])

    saved = ClaudeLangProtocol.last_activity
    gc.callbacks.append(record)
    gc.unfreeze()
    collector = asyncio.ensure_future(collect_garbage_when_idle(idle_seconds=0.3, young_every=0.01))
    try:
        opened = Node()  # a document opened just before typing, in the oldest generation
        gc.collect()
        watch = weakref.ref(opened)
        del opened
        generations.clear()
        for _ in range(10):
            ClaudeLangProtocol.last_activity = time.monotonic()
            await asyncio.sleep(0.01)
        alive_while_typing = watch() is not None
        typing = list(generations)
        await asyncio.sleep(0.6)  # the first pause (idle for longer than 0.3 s, even on a loaded machine)
        return typing, alive_while_typing, watch() is not None
    finally:
        collector.cancel()
        gc.callbacks.remove(record)
        ClaudeLangProtocol.last_activity = saved
        gc.unfreeze()
        gc.enable()


def test_typing_before_any_pause_freezes_what_exists_without_a_full_collection() -> None:
    typing, alive_while_typing, alive_after = asyncio.run(first_collections_while_typing())
    assert typing and set(typing) == {0}  # the opened document is not walked as the user starts typing
    assert alive_while_typing
    assert not alive_after
