"""Coverage-guided fuzzing of lowering, incremental parsing and the formatter with atheris.

    python tests/fuzz/fuzz_syntax.py [--seconds 60] [--corpus DIR] [--artifacts DIR]

libFuzzer mutates inputs towards new coverage of the instrumented `claudelang.syntax`,
`claudelang.ast`, `claudelang.analysis` and `claudelang.format` code; every input is checked
against `oracles` (no exception, diagnostics inside the document, incremental equals fresh,
formatter refuses or is idempotent and meaning-preserving). The first input byte picks the
mode: raw bytes, text (lowering, analysis and formatter), or a text plus edits.

Exit status 0 means no failure within the time bound; a failing input is written to the
artifacts directory (`crash-<sha1>`) and reproduced with `python fuzz_syntax.py FILE`.
Without atheris (it needs a prebuilt wheel or clang) the same targets run under a
seeded random-mutation fuzzer, with the same time bound and the same report.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

INSTRUMENTED = ["claudelang.syntax", "claudelang.ast", "claudelang.analysis", "claudelang.format"]

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the platform
    atheris = None

if atheris is not None:
    with atheris.instrument_imports(include=INSTRUMENTED):
        from tests.fuzz import oracles
else:  # pragma: no cover
    from tests.fuzz import oracles

MODES = 3
EDIT_FRAGMENTS = ["(", ")", "[", "]", "{", "}", '"', "'", ";", "\n", "\r", "\r\n", " ", "x", "😀", "define", "\\"]


def check_input(data: bytes) -> None:
    """One fuzz case: the first byte chooses what the rest of the input means."""
    if not data:
        return
    mode, body = data[0] % MODES, data[1:]
    if mode == 0:
        module = oracles.check_source(body)
        oracles.check_format(module.text)
    elif mode == 1:
        try:  # encoded lone surrogates (ED A0 80) become lone surrogates in the text
            text = body.decode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError:
            text = body.decode("utf-8", errors="replace")
        oracles.check_source(text)
        oracles.check_format(text)
    else:
        text, _, script = body.partition(b"\x00\x00")
        oracles.check_edits(text.decode("utf-8", "replace"), edits_from(script))


def edits_from(script: bytes) -> list[oracles.Edit]:
    """Edits decoded from bytes: 4 bytes of positions, 1 byte choosing the inserted text."""
    edits: list[oracles.Edit] = []
    for at in range(0, len(script) - 4, 5):
        line, col, lines, end_col, piece = script[at : at + 5]
        start = (line % 16, col % 64)
        end = max(start, (start[0] + lines % 3, end_col % 64))
        edits.append((start, end, EDIT_FRAGMENTS[piece % len(EDIT_FRAGMENTS)] * (1 + piece // 128)))
    return edits[:8]


def seeds() -> list[bytes]:
    from corpus import realistic_source

    source = realistic_source(3_000).encode()
    examples = [path.read_bytes() for path in sorted((ROOT / "examples").glob("*.cl"))][:8]
    found = [
        bytes([1]) + source[:1500],
        bytes([0]) + source[1500:2500],
        bytes([2]) + source[:600] + b"\0\0\3\4\0\x09\1",
    ]
    found += [bytes([1]) + example for example in examples]
    found += [b"\x01(f ' ; c\n x)", b"\x01'\x00e", b"\x02a\rb\n\0\0\1\0\1\1\3", b'\x01("\xed\xa0\x80")']
    return found


# ---------------------------------------------------------------- random-mutation fallback


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        at = rng.randint(0, len(out))
        if choice < 0.3 and out:
            del out[at : at + rng.randint(1, 8)]
        elif choice < 0.6:
            out[at:at] = rng.choice(EDIT_FRAGMENTS).encode()
        elif choice < 0.8:
            other = rng.choice(pool)
            start = rng.randint(0, len(other))
            out[at:at] = other[start : start + rng.randint(1, 40)]
        elif out:
            out[min(at, len(out) - 1)] = rng.randint(0, 255)
    return bytes(out[:4096])


def random_fuzz(seconds: float, artifacts: Path, seed: int) -> int:
    rng = random.Random(seed)
    pool = seeds()
    deadline = time.monotonic() + seconds
    cases = 0
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(pool), pool)
        cases += 1
        try:
            check_input(data)
        except Exception:
            path = artifacts / f"crash-{hashlib.sha1(data).hexdigest()}"
            path.write_bytes(data)
            print(f"failure on input written to {path}", file=sys.stderr)
            raise
        if rng.random() < 0.05:
            pool.append(data)
    print(f"random-mutation fuzzer: {cases} cases in {seconds:.0f} s, no failure")
    print(f"stat::number_of_executed_units: {cases}")
    return 0


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", help="reproduce these inputs instead of fuzzing")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--corpus", type=Path, help="corpus directory (seeded and grown by libFuzzer)")
    parser.add_argument("--artifacts", type=Path, default=Path.cwd())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--random", action="store_true", help="use the random-mutation fuzzer even with atheris")
    args = parser.parse_args(argv)
    if args.inputs:
        for name in args.inputs:
            check_input(Path(name).read_bytes())
        print(f"{len(args.inputs)} inputs pass")
        return 0
    args.artifacts.mkdir(parents=True, exist_ok=True)
    if atheris is None or args.random:
        return random_fuzz(args.seconds, args.artifacts, args.seed)
    corpus = args.corpus
    if corpus is not None:
        corpus.mkdir(parents=True, exist_ok=True)
        for index, seed in enumerate(seeds()):
            (corpus / f"seed-{index}").write_bytes(seed)
    libfuzzer_args = [
        sys.argv[0],
        f"-max_total_time={int(args.seconds)}",
        f"-artifact_prefix={args.artifacts}/",
        f"-seed={args.seed}",
        "-max_len=4096",
        "-rss_limit_mb=4096",
        "-print_final_stats=1",
        "-timeout=30",  # one input taking longer is a hang
    ]
    if corpus is not None:
        libfuzzer_args.append(str(corpus))
    atheris.Setup(libfuzzer_args, check_input)
    atheris.Fuzz()
    return 0  # pragma: no cover - atheris.Fuzz exits the process


if __name__ == "__main__":
    sys.exit(main())
