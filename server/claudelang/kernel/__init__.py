"""The evaluation kernel: user code runs in a child process, never in the language server.

`worker` is the child's main program (a `Session` behind a framed pipe protocol);
`client.KernelClient` starts, feeds, interrupts, restarts and watches it from the server;
`protocol` is the framing both sides share; `reload` decides what hot reload re-runs.
"""
