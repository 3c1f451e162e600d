"""A live `claudelang-lsp` with a kernel, as VS Code drives it, and helpers for its commands.

The `client` fixture initialises with `{"trusted": True}` unless a test parametrizes it
indirectly with other `claudelang` initialization options.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

HANG = 30.0  # seconds: only a hang takes this long (no test here measures speed)


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "claudelang.lsp.main", "--stdio"]),
)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path):
    lsp_client.states = []  # type: ignore[attr-defined]
    lsp_client.outputs = []  # type: ignore[attr-defined]

    @lsp_client.feature("claudelang/kernelState")
    def on_state(*args: object) -> None:
        lsp_client.states.append(args[-1].state)  # type: ignore[attr-defined]

    @lsp_client.feature("claudelang/output")
    def on_output(*args: object) -> None:
        lsp_client.outputs.append(args[-1].text)  # type: ignore[attr-defined]

    options = getattr(request, "param", {"trusted": True})
    params = lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=tmp_path.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=tmp_path.as_uri(), name="ws")],
        initialization_options={"claudelang": options},
    )
    await lsp_client.initialize_session(params)
    lsp_client.root = tmp_path  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def command(client: LanguageClient, name: str, *args: object) -> dict:
    request = client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command=f"claudelang.{name}", arguments=list(args))
    )
    return await asyncio.wait_for(request, HANG)


async def until(check: Callable[[], object], what: str) -> None:
    for _ in range(int(HANG / 0.02)):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")
