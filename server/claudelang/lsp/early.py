"""Answer `initialize` before pygls is imported, from the reply the server gave last time.

Importing pygls and lsprotocol takes most of the time to the first reply (about 250 ms of
CPU on a 2-core machine: attrs builds some 560 classes), and an editor waits for the reply
to `initialize` before it sends anything else. The reply depends only on what the client
sends (its capabilities and initialization options) and on the server's code, so
`claudelang-lsp --stdio` reads the first message itself; if it is `initialize` and a reply
to the same client from the same code is in the cache, it writes that reply at once, then
imports pygls and serves every byte read from the first one on (`serve_stream`'s
`already_read`). pygls handles the
`initialize` as always (its workspace, our settings listeners), and the protocol drops
its reply (`ClaudeLangProtocol.pre_answered`) after checking it against the one sent: a
difference (which a change of code not seen by the fingerprint could make) replaces the
cached reply and is logged.

The cache is `initialize-replies.json` in the server's cache folder: at most `KEEP`
replies, keyed by a hash of the client's part of the request and of the fingerprint of
the code (the package's version, and the size and modification time of every Python file
of this package, pygls and lsprotocol). A file that cannot be read or parsed is ignored
and rewritten; nothing in it is ever executed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import select
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from claudelang import __version__
from claudelang.lsp.framing import FrameParser, FrameWriter

log = logging.getLogger(__name__)

KEEP = 16  # replies kept: one per client setup (editor, version, settings) in use
LARGEST_INITIALIZE = 1 << 20  # bytes: a larger first message is only passed on
PAUSE = 0.2  # seconds without input in the middle of the first frame: stop reading it here
PACKAGES = ("claudelang", "pygls", "lsprotocol")


def cache_folder() -> Path:
    """The server's cache folder (`$XDG_CACHE_HOME/claudelang`, else `~/.cache/claudelang`),
    shared with the workspace index (`index_cache.py`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "claudelang"


def cache_path() -> Path:
    return cache_folder() / "initialize-replies.json"


def fingerprint() -> str:
    """The version and the Python files (path, size, modification time) of the code that
    computes the reply: this package, pygls and lsprotocol."""
    digest = hashlib.sha256(__version__.encode())
    for package in PACKAGES:
        spec = find_spec(package)
        folder = Path(spec.origin).parent if spec is not None and spec.origin else None
        if folder is None:
            continue
        for path in sorted(folder.rglob("*.py")):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def reply_key(params: dict[str, Any], code: str) -> str:
    """What the reply to `initialize` with `params` depends on, hashed."""
    client = {"capabilities": params.get("capabilities"), "options": params.get("initializationOptions")}
    return hashlib.sha256((code + json.dumps(client, sort_keys=True)).encode()).hexdigest()


def read_replies(path: Path) -> dict[str, Any]:
    try:
        replies = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return replies if isinstance(replies, dict) else {}


def store_reply(key: str, result: object, path: Path | None = None) -> None:
    """Keep `result` as the reply for `key` (the newest `KEEP` replies stay)."""
    path = path or cache_path()
    replies = read_replies(path)
    replies.pop(key, None)
    replies[key] = result
    kept = dict(list(replies.items())[-KEEP:])
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, encoding="utf-8") as out:
            json.dump(kept, out)
        os.replace(out.name, path)
    except OSError as error:
        log.info("could not keep the reply to initialize: %s", error)


def read_first_message(fd: int) -> tuple[bytes, bytes | None]:
    """The bytes read from `fd` until the first message is complete (all of them, to be
    served again), and that message's body (None at the end of input, for a frame
    `framing` cannot read, when input stops for `PAUSE` in the middle of a frame, or past
    `LARGEST_INITIALIZE` bytes)."""
    parser = FrameParser()
    raw = bytearray()
    while len(raw) <= LARGEST_INITIALIZE:
        if raw and not select.select([fd], [], [], PAUSE)[0]:
            break  # input stopped mid-frame: `framing.serve` knows what to make of it
        data = os.read(fd, 1 << 16)
        if not data:
            break
        raw += data
        frames = parser.feed(data)
        if frames:
            return bytes(raw), frames[0].body
    return bytes(raw), None


class Early:
    """What the early reader did: the bytes it read (to be read again by pygls), and for an
    `initialize`, its id, the cache key, and the reply sent from the cache (if any)."""

    def __init__(self, raw: bytes, request_id: object = None, key: str | None = None, sent: object = None) -> None:
        self.raw, self.request_id, self.key, self.sent = raw, request_id, key, sent


def answer_initialize(stdin: int, stdout: int) -> Early:
    """Read the first message from the descriptor `stdin`; answer it on `stdout` from the
    cache if it is a known `initialize`.

    The reply pygls then computes for it is checked and kept (`check_reply`)."""
    raw, body = read_first_message(stdin)
    try:
        message = json.loads(body) if body is not None else None
    except ValueError:
        message = None
    if not isinstance(message, dict) or message.get("method") != "initialize":
        return Early(raw)
    request_id = message.get("id")
    if request_id is None or not isinstance(message.get("params"), dict):
        return Early(raw)
    try:
        key = reply_key(message["params"], fingerprint())
    except (OSError, TypeError, ValueError) as error:  # a file gone while listed, odd params
        log.info("no early reply to initialize: %s", error)
        return Early(raw)
    cached = read_replies(cache_path()).get(key)
    if cached is None:
        return Early(raw, request_id, key)
    reply = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": cached}, separators=(",", ":")).encode()
    FrameWriter(stdout).write(b"Content-Length: %d\r\n\r\n%s" % (len(reply), reply))
    log.info("answered initialize from the reply kept for this client")
    return Early(raw, request_id, key, cached)


def check_reply(early: Early, reply: object) -> bool:
    """Keep `reply`, the one pygls computed for the early `initialize`; whether it still has
    to be sent (no reply was sent from the cache)."""
    if early.sent is None:
        store_reply(early.key, reply)  # type: ignore[arg-type]
        return True
    if reply != early.sent:
        log.warning("the reply to initialize kept for this client was out of date; it is replaced")
        store_reply(early.key, reply)  # type: ignore[arg-type]
    return False
