"""Host-controlled runtime settings: output and input streams, network permission, contracts.

A `Settings` object belongs to whoever runs ClaudeLang code (a session, the CLI, a test).
The current one is found through a context variable whose default is the process-wide
`DEFAULT_SETTINGS`; `use_settings(s)` makes `s` current for a dynamic extent, so a session
can capture `io:print` output in a `StringIO` or allow network effects for itself only.

Context variables do not flow into new threads: a session that evaluates on its own
thread (for a deep stack) should enter `use_settings` on that thread.

The random number generator used by `random:*` lives here too, so `random:seed` in one
session does not disturb another, and so does the keyed state store of `state:*`
(`runtime.keyedstore`).
"""

from __future__ import annotations

import random
import sys
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from claudelang.runtime.keyedstore import KeyedStore


@dataclass
class Settings:
    """What the host allows and where effects go. `None` streams mean sys.stdout/stdin."""

    stdout: TextIO | None = None
    stdin: TextIO | None = None
    allow_network: bool = False
    network_timeout: float = 10.0
    contracts_enabled: bool = True
    base_dir: Path | None = None
    store: KeyedStore = field(default_factory=KeyedStore)
    _rng: random.Random | None = field(default=None, repr=False)

    @property
    def rng(self) -> random.Random:
        """The session's random generator, made (and seeded from the OS) on first use:
        seeding costs more than the rest of a new session."""
        if self._rng is None:
            self._rng = random.Random()
        return self._rng

    def output(self) -> TextIO:
        """The stream `io:print` writes to (looked up each time, so redirection works)."""
        return self.stdout if self.stdout is not None else sys.stdout

    def input(self) -> TextIO:
        return self.stdin if self.stdin is not None else sys.stdin

    def resolve(self, path: str) -> Path:
        """A file path from a program, relative to `base_dir` when one is set."""
        resolved = Path(path).expanduser()
        if self.base_dir is not None and not resolved.is_absolute():
            resolved = self.base_dir / resolved
        return resolved


DEFAULT_SETTINGS = Settings()

_current: ContextVar[Settings] = ContextVar("claudelang_settings", default=DEFAULT_SETTINGS)


def get_settings() -> Settings:
    """The settings in force for the running code."""
    return _current.get()


class use_settings:
    """Make `settings` current for the body of the `with` block.

    A class rather than a `contextmanager` generator: every evaluation enters one, and the
    generator's machinery cost more than evaluating `(+ 1 2)`."""

    __slots__ = ("settings", "token")

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __enter__(self) -> Settings:
        self.token = _current.set(self.settings)
        return self.settings

    def __exit__(self, *exc_info: object) -> None:
        _current.reset(self.token)
