"""`claudelang-lsp` command line: version, transports, and nothing but protocol on stdout."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

from claudelang import __version__

SERVER = [sys.executable, "-m", "claudelang.lsp.main"]


def test_version() -> None:
    result = subprocess.run([*SERVER, "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"claudelang-lsp {__version__}"


def test_bad_option_is_a_usage_error() -> None:
    result = subprocess.run([*SERVER, "--bogus"], capture_output=True, text=True)
    assert result.returncode == 2 and "usage: claudelang-lsp" in result.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_tcp_transport_answers_initialize() -> None:
    port = free_port()
    command = [*SERVER, "--tcp", "--port", str(port), "--token", "s3cret"]  # binds to 127.0.0.1
    server = subprocess.Popen(command, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        params = {"capabilities": {}, "initializationOptions": {"token": "s3cret"}}
        body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": params}).encode()
        connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        reply = b""
        while b'"capabilities"' not in reply:
            chunk = connection.recv(65536)
            assert chunk, reply
            reply += chunk
        assert b'"hoverProvider"' in reply or b'"hoverProvider":' in reply
        connection.close()
    finally:
        server.kill()
        server.wait()
