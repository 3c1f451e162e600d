"""What a conformance program expects, read from its comments.

A program states its expected standard output with one `; expect: <line>` comment per
line, in order (`; expect:` alone is an empty line). A program that must fail says
`; expect-exit: 1` and gives `; expect-stderr: <substring>` lines, each of which must occur
in its standard error (a position such as `errors_div.cl:3:5`, a message). Optional
`; args: ...` adds command-line options after `claudelang run FILE`, `; env: NAME=value`
sets an environment variable (`{dir}` is the conformance folder) and `; stdin: <line>`
feeds a line of standard input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DIRECTIVE = re.compile(r"^\s*;\s*(expect|expect-exit|expect-stderr|args|env|stdin):(?: (.*))?$")


@dataclass
class Expectation:
    """The parsed directives of one program."""

    stdout: list[str] = field(default_factory=list)
    exit_code: int = 0
    stderr: list[str] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    stdin: list[str] = field(default_factory=list)

    @property
    def expected_stdout(self) -> str:
        return "".join(line + "\n" for line in self.stdout)


def read_expectation(path: Path) -> Expectation:
    """The directives in the comments of the program at `path`."""
    expectation = Expectation()
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DIRECTIVE.match(line)
        if match is None:
            continue
        key, value = match.group(1), match.group(2) or ""
        if key == "expect":
            expectation.stdout.append(value)
        elif key == "expect-exit":
            expectation.exit_code = int(value)
        elif key == "expect-stderr":
            expectation.stderr.append(value)
        elif key == "args":
            expectation.args.extend(value.split())
        elif key == "env":
            name, _, setting = value.partition("=")
            expectation.env[name.strip()] = setting.replace("{dir}", str(path.parent))
        else:
            expectation.stdin.append(value)
    return expectation
