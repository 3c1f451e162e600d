"""`claudelang` entry point: argument parsing and dispatch to one module per command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from claudelang import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="claudelang", description="The ClaudeLang toolchain.")
    parser.add_argument("--version", action="version", version=f"claudelang {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run a .cl file")
    run.add_argument("file")
    run.add_argument("--jit", choices=["auto", "eager", "off"], default="auto", help="JIT mode (default: auto)")
    run.add_argument("--jit-log", action="store_true", help="report what the JIT compiled and why not")
    run.add_argument("--allow-network", action="store_true", help="allow network:* effects")
    run.add_argument("--no-contracts", action="store_true", help="do not check contracts")

    check = commands.add_parser("check", help="report diagnostics; exit 1 on errors")
    check.add_argument("files", nargs="+")

    repl = commands.add_parser("repl", help="interactive session")
    repl.add_argument("--allow-network", action="store_true")

    fmt = commands.add_parser("fmt", help="format files in place with the canonical formatter")
    fmt.add_argument("files", nargs="+")
    fmt.add_argument("--check", action="store_true", help="only report files that would change; exit 1 if any")
    fmt.add_argument(
        "--modernize", action="store_true", help="also rewrite earlier spellings (LANGUAGE.md §10) in their 1.1 form"
    )

    dis = commands.add_parser("dis", help="show the generated Python for each top-level form")
    dis.add_argument("file")
    dis.add_argument(
        "--llvm", action="store_true", help="run the program with an eager JIT and show the optimised LLVM IR instead"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "run":
        from claudelang.cli.run import run_command

        return run_command(args)
    if args.command == "check":
        from claudelang.cli.check import check_command

        return check_command(args.files)
    if args.command == "repl":
        from claudelang.cli.repl import repl_command

        return repl_command(args)
    if args.command == "fmt":
        from claudelang.cli.fmt import fmt_command

        return fmt_command(args.files, check=args.check, modernize=args.modernize)
    if args.command == "dis":
        from claudelang.cli.dis import dis_command

        return dis_command(args)
    return 2


def entry() -> None:
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`claudelang dis FILE | head`): not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not raise again
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry()
