"""`claudelang-lsp`: parse the command line, set up logging, start the server.

Logs go to stderr or `--log-file` (never stdout, which carries the protocol when
`--stdio` is used) and pygls's own loggers stay at WARNING unless `-v` is given. Over
stdio, the first message is read before pygls is imported, so that a known `initialize`
is answered at once (`early.py`).

`--tcp` and `--ws` listen on 127.0.0.1 only and need a token (`--token` or the
`CLAUDELANG_LSP_TOKEN` environment variable) that the client must send as
`initializationOptions.token`: any local process could otherwise connect, run code in
the kernel and read the user's files.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from claudelang import __version__

if TYPE_CHECKING:
    from claudelang.lsp.server import ClaudeLangServer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claudelang-lsp", description="The ClaudeLang language server.")
    transport = parser.add_mutually_exclusive_group()
    transport.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    transport.add_argument("--tcp", action="store_true", help="listen on a TCP port")
    transport.add_argument("--ws", action="store_true", help="listen for WebSocket connections")
    parser.add_argument("--port", type=int, default=2087, help="port for --tcp/--ws (on 127.0.0.1)")
    parser.add_argument(
        "--token",
        help="secret the client must send as initializationOptions.token (--tcp/--ws; or $CLAUDELANG_LSP_TOKEN)",
    )
    parser.add_argument("--log-file", help="write logs to this file instead of stderr")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv: protocol too)")
    parser.add_argument("--version", action="version", version=f"claudelang-lsp {__version__}")
    parser.add_argument("--clientProcessId", help=argparse.SUPPRESS)  # sent by some clients
    return parser


def setup_logging(log_file: str | None, verbose: int) -> None:
    handler: logging.Handler = logging.FileHandler(log_file) if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("pygls").setLevel(logging.DEBUG if verbose > 1 else logging.WARNING)


def load_server() -> ClaudeLangServer:
    """Import pygls, lsprotocol and the features, and build the server, with the cyclic
    garbage collector paused: they allocate a few hundred thousand objects that all stay
    alive, and the full collection they would trigger costs about a tenth of the time to
    answer `initialize`. Then they are frozen (`gc.freeze`), so that no later collection
    walks them again."""
    gc.disable()
    try:
        from claudelang.lsp.server import build_server

        return build_server()
    finally:
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    token = args.token or os.environ.get("CLAUDELANG_LSP_TOKEN")
    if (args.tcp or args.ws) and not token:
        parser.error("--tcp and --ws need a token: --token SECRET or CLAUDELANG_LSP_TOKEN")
    setup_logging(args.log_file, args.verbose)
    if not (args.tcp or args.ws):
        from claudelang.lsp.early import answer_initialize

        early = answer_initialize(sys.stdin.fileno(), sys.stdout.fileno())
    server = load_server()
    if args.tcp or args.ws:
        from claudelang.lsp.server import ClaudeLangProtocol

        ClaudeLangProtocol.required_token = token
        (server.start_tcp if args.tcp else server.start_ws)("127.0.0.1", args.port)
    else:
        server.protocol.early = early
        server.start_io(already_read=early.raw)
        # Skip the interpreter's teardown: freeing the syntax trees and ASTs of large
        # documents one object at a time can take seconds, and editors wait for the exit.
        logging.shutdown()
        sys.stderr.flush()
        os._exit(server.exit_code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
