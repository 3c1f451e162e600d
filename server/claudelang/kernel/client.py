"""The server's side of a kernel: start it lazily, send requests, watch it, recover.

One `KernelClient` per workspace folder. Requests are answered through futures keyed by
request id; output events are passed to the caller's callback as they arrive. If the
process dies (a crash, `os._exit`, the memory limit), every pending request fails with
`KernelDied`, the state becomes "dead", and the next request starts a fresh kernel.
An interrupt that does not stop the evaluation within `INTERRUPT_GRACE` seconds kills
and restarts the kernel. A cancelled evaluation (the caller's task is cancelled: an LSP
`$/cancelRequest`) is interrupted exactly so. One evaluation runs at a time: asking for
another while one runs raises `KernelBusy`. A frame larger than `MAX_FRAME` from the
kernel is refused and the kernel killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claudelang.kernel.protocol import HEADER, MAX_FRAME, decode, encode

log = logging.getLogger(__name__)
INTERRUPT_GRACE = 1.0
START_TIMEOUT = 30.0


class KernelDied(Exception):
    """The kernel process ended while a request was pending (`interrupted`: killed by
    `interrupt` because it did not stop in time)."""

    def __init__(self, message: str, interrupted: bool = False) -> None:
        super().__init__(message)
        self.interrupted = interrupted


class KernelBusy(Exception):
    """An evaluation was asked for while another one runs in the same kernel."""


OutputCallback = Callable[[str], None]


class KernelClient:
    def __init__(
        self,
        options: list[str] | None = None,
        on_state: Callable[[str], None] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.options = options or []
        self.cwd = cwd
        self.on_state = on_state or (lambda _state: None)
        self.process: asyncio.subprocess.Process | None = None
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.outputs: dict[int, OutputCallback] = {}
        self.next_id = 0
        self.reader: asyncio.Task[None] | None = None
        self.ready: asyncio.Future[None] | None = None
        self.state = "stopped"
        self.deaths = 0
        self.busy_ids: dict[int, None] = {}  # evaluations not answered yet, oldest first
        self.evaluating = False  # an evaluation is on its way (set before the first await)
        self.interrupts: set[asyncio.Future[bool]] = set()
        self._start_lock = asyncio.Lock()
        self.killing_for_interrupt = False
        self.stopping = False  # a stop we asked for (shutdown, restart): not a crash

    # ------------------------------------------------------------ lifecycle

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    @property
    def busy(self) -> bool:
        return self.evaluating or bool(self.busy_ids)

    async def ensure_started(self) -> None:
        async with self._start_lock:
            if self.alive:
                return
            self.set_state("starting")
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "claudelang.kernel.worker",
                *self.options,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
                cwd=self.cwd,
            )
            self.ready = asyncio.get_running_loop().create_future()
            self.reader = asyncio.ensure_future(self.read_loop(self.process))
            try:
                await asyncio.wait_for(asyncio.shield(self.ready), START_TIMEOUT)
            except (TimeoutError, KernelDied) as exc:
                await self.kill()
                raise KernelDied("the kernel did not start") from exc
            self.set_state("idle")

    async def read_loop(self, process: asyncio.subprocess.Process) -> None:
        stream = process.stdout
        assert stream is not None
        try:
            while True:
                header = await stream.readexactly(HEADER.size)
                (length,) = HEADER.unpack(header)
                if length > MAX_FRAME:
                    raise ValueError(f"frame of {length:,} bytes")
                message = decode(await stream.readexactly(length))
                self.dispatch(message)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except ValueError as exc:  # a malformed frame: the kernel is not to be trusted any more
            log.error("bad frame from the kernel (%s); killing it", exc)
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        await process.wait()
        if process is self.process:
            self.on_exit(process.returncode)

    def dispatch(self, message: dict[str, Any]) -> None:
        event = message.get("event")
        if event == "ready":
            if self.ready is not None and not self.ready.done():
                self.ready.set_result(None)
            return
        request_id = message.get("id")
        if event == "output":
            callback = self.outputs.get(request_id)
            if callback is not None:
                callback(message.get("text", ""))
            return
        future = self.pending.pop(request_id, None)
        self.outputs.pop(request_id, None)
        self.busy_ids.pop(request_id, None)
        if not self.busy_ids and self.state == "busy":
            self.set_state("idle")
        if future is not None and not future.done():
            future.set_result(message)

    def on_exit(self, returncode: int | None) -> None:
        if self.stopping:
            log.info("kernel stopped (exit code %s)", returncode)
        else:
            log.warning("kernel exited with code %s", returncode)
            self.deaths += 1
        self.stopping = False
        if self.killing_for_interrupt:
            error = KernelDied("the kernel did not stop within 1 s and was restarted (its state is lost)", True)
        else:
            error = KernelDied(f"the kernel process ended (exit code {returncode})")
        self.killing_for_interrupt = False
        for future in self.pending.values():
            if not future.done():
                future.set_exception(error)
        if self.ready is not None and not self.ready.done():
            self.ready.set_exception(error)
        self.pending.clear()
        self.outputs.clear()
        self.busy_ids.clear()
        self.set_state("dead")

    async def kill(self) -> None:
        process = self.process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await process.wait()
        if self.reader is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.reader, 5)

    async def restart(self) -> None:
        self.stopping = True
        await self.kill()
        await self.ensure_started()

    async def shutdown(self) -> None:
        if self.alive and self.process is not None and self.process.stdin is not None:
            with contextlib.suppress(Exception):
                self.process.stdin.write(encode({"op": "shutdown"}))
                await self.process.stdin.drain()
        self.stopping = True
        await self.kill()
        self.set_state("stopped")

    def set_state(self, state: str) -> None:
        self.state = state
        self.on_state(state)

    # ------------------------------------------------------------ requests

    async def request(
        self, message: dict[str, Any], on_output: OutputCallback | None = None, busy: bool = False
    ) -> dict[str, Any]:
        await self.ensure_started()
        assert self.process is not None and self.process.stdin is not None
        self.next_id += 1
        request_id = self.next_id
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[request_id] = future
        if on_output is not None:
            self.outputs[request_id] = on_output
        if busy:
            self.busy_ids[request_id] = None
            self.set_state("busy")
        self.process.stdin.write(encode({**message, "id": request_id}))
        try:
            await self.process.stdin.drain()
            return await asyncio.shield(future)  # a cancelled caller leaves the answer to come
        except asyncio.CancelledError:
            future.add_done_callback(lambda done: done.cancelled() or done.exception())
            if request_id in self.busy_ids:
                interrupting = asyncio.ensure_future(self.interrupt(request_id))
                self.interrupts.add(interrupting)
                interrupting.add_done_callback(self.interrupts.discard)
            raise

    async def evaluate(
        self, source: str, path: str | None, line_offset: int, on_output: OutputCallback | None = None
    ) -> dict[str, Any]:
        """Run `source` (lines from `line_offset` on of file `path`); `KernelBusy` if one runs."""
        if self.busy:
            raise KernelBusy("the kernel is running another evaluation")
        self.evaluating = True
        try:
            message = {"op": "eval", "source": source, "path": path, "line_offset": line_offset}
            return await self.request(message, on_output, busy=True)
        finally:
            self.evaluating = False

    async def reload(self, forms: list[tuple[str, int, int]], path: str | None) -> dict[str, Any]:
        """Re-run `forms` (source, line, column: where each stands in file `path`)."""
        return await self.request({"op": "reload", "forms": forms, "path": path})

    async def describe(self, names: list[str]) -> dict[str, str]:
        response = await self.request({"op": "describe", "names": names})
        return response.get("globals", {})

    async def interrupt(self, request_id: int | None = None) -> bool:
        """Stop evaluation `request_id` (default: the oldest running); kill and restart the
        kernel if it does not stop. Returns True if the kernel had to be restarted.
        """
        if request_id is None:
            request_id = next(iter(self.busy_ids), None)
        future = self.pending.get(request_id) if request_id is not None else None
        if not self.alive or future is None or self.process is None or self.process.stdin is None:
            return False
        self.process.stdin.write(encode({"op": "interrupt", "target": request_id}))
        await self.process.stdin.drain()
        done, _still = await asyncio.wait([future], timeout=INTERRUPT_GRACE)
        if done:
            return False
        self.killing_for_interrupt = True
        self.stopping = True
        await self.kill()
        await self.ensure_started()
        return True
