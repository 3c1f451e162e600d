"""`claudelang-lsp` answers `initialize` without importing what only later requests need.

The server's `main` runs in a child process on a thread, with pipes for stdin and stdout;
the child lists `sys.modules` once `initialize` is answered and again once a hover on an
opened document is, which shows the check sees the imports the first document brings.
Only module names are compared, never times (issue 17: startup).
"""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = r"""
import json, os, sys, threading

def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

def reply(fd, id):
    data = b""
    while True:
        while b"\r\n\r\n" not in data:
            data += os.read(fd, 65536)
        head, _, data = data.partition(b"\r\n\r\n")
        length = int(head.split(b"\r\n")[0].split(b":")[1])
        while len(data) < length:
            data += os.read(fd, 65536)
        body, data = data[:length], data[length:]
        if json.loads(body).get("id") == id:
            return

report = os.fdopen(os.dup(1), "w")
to_server, from_server = os.pipe(), os.pipe()
os.dup2(to_server[0], 0)
os.dup2(from_server[1], 1)
from claudelang.lsp.main import main
threading.Thread(target=main, args=(["--stdio"],), daemon=True).start()
uri = "file:///tmp/startup.cl"
os.write(to_server[1], frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"processId": None, "rootUri": None, "capabilities": {}}}))
reply(from_server[0], 1)
at_initialize = sorted(sys.modules)
document = {"uri": uri, "languageId": "claudelang", "version": 1, "text": "(define (f x) (map inc x))\n"}
os.write(to_server[1], frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
         + frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}})
         + frame({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
                  "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 16}}}))
reply(from_server[0], 2)
report.write(json.dumps({"initialize": at_initialize, "hover": sorted(sys.modules)}))
report.flush()
os._exit(0)
"""

# Imported only when a request needs them: the standard library's builtins (the first
# analysis), the VM, compiler and JIT (never: user code runs in the kernel process).
NOT_AT_INITIALIZE = ("claudelang.runtime.stdlib",)
NEVER = ("claudelang.vm", "claudelang.compiler", "claudelang.jit", "llvmlite")


def imported(modules: list[str], package: str) -> bool:
    return any(name == package or name.startswith(package + ".") for name in modules)


def test_initialize_imports_nothing_the_first_request_does_not_need() -> None:
    child = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    modules = json.loads(child.stdout)
    for package in NOT_AT_INITIALIZE + NEVER:
        assert not imported(modules["initialize"], package), f"{package} is imported before `initialize` is answered"
    for package in NOT_AT_INITIALIZE:
        assert imported(modules["hover"], package), f"the first hover should have needed {package}"
    for package in NEVER:
        assert not imported(modules["hover"], package), f"{package} is imported by the language server"
