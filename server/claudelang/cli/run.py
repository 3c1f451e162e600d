"""`claudelang run FILE`: run a program; errors go to stderr with a ClaudeLang traceback."""

from __future__ import annotations

import argparse
import sys

from claudelang.runtime.errors import ClError
from claudelang.vm import Session


def run_command(args: argparse.Namespace) -> int:
    session = Session(allow_network=args.allow_network, contracts=not args.no_contracts, jit=args.jit)
    if getattr(args, "jit_log", False):
        if session.jit_manager is not None:
            session.jit_manager.log.stream = sys.stderr
        else:
            print("jit: off", file=sys.stderr)
    try:
        session.run_file(args.file)
    except ClError as error:
        sys.stdout.flush()
        print(session.format_error(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        sys.stdout.flush()
    return 0
