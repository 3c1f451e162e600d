"""A stop the server asks for (shutdown, restart) is not reported as a kernel crash."""

from __future__ import annotations

import asyncio
import logging

import pytest
from claudelang.kernel.client import KernelClient


def test_a_requested_shutdown_logs_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    async def start_and_stop() -> None:
        client = KernelClient()
        await client.ensure_started()
        await client.shutdown()

    with caplog.at_level(logging.INFO, logger="claudelang.kernel.client"):
        asyncio.run(start_and_stop())
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text
    assert "kernel stopped" in caplog.text
