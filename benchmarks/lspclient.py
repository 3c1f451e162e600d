"""Starting `claudelang-lsp --stdio` under a pygls client, for the benchmarks that use one."""

from __future__ import annotations

import sys
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


async def start_server(client: LanguageClient, folder: Path) -> None:
    """Spawn the server (this interpreter's package) and initialise it on `folder`."""
    await client.start_io(sys.executable, "-m", "claudelang.lsp.main", "--stdio")
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=folder.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=folder.as_uri(), name="bench")],
        )
    )
    client.initialized(lsp.InitializedParams())
