"""Reliability figures: fuzzing, protocol abuse, kernel faults and a soak, in one report.

    python benchmarks/reliability.py [--fuzz-seconds 120] [--soak-edits 20000] [--quick]

Runs the coverage-guided fuzzer (`tests/fuzz/fuzz_syntax.py`) for a time bound, the
property-based fuzz suites, the protocol-abuse and kernel-fault suites (pytest), and a
soak session (`benchmarks/soak.py`), then prints cases tried and failures per part,
latency and memory over the soak, and the bugs these harnesses found (all fixed, each
guarded by the regression test named in the table).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from soak import KINDS, run_soak  # noqa: E402
from timing import format_time, print_table  # noqa: E402

# What the harnesses found while they were being written (issue 8), with the test that
# now guards each fix.
FOUND = [
    ("fuzz", "lone surrogate in the text crashed lowering", "test_lone_surrogates_become_replacement_characters"),
    ("fuzz", "comment between ' and its datum: formatter dropped the datum", "test_comment_between_quote_and_datum_*"),
    ("fuzz", "NUL or a stray bracket in a quote vanished without a diagnostic", "test_stray_characters_are_reported"),
    ("fuzz", "broken unit reused though the same bytes recovered differently", "test_error_units_are_not_reused_*"),
    ("fuzz", "deleting between CR and LF left a stale line start", "test_deleting_between_cr_and_lf_*"),
    ("fuzz", "incremental error recovery differed from a fresh parse", "test_error_recovery_does_not_depend_*"),
    ("fuzz", "a unit moved past an edit on its own line kept its old column", "test_a_unit_after_an_edit_*"),
    ("fuzz", "a form hoisted out of an unclosed list: highlight by history", "test_a_form_hoisted_out_of_*"),
    ("protocol", "a wrong Content-Length desynchronised the stream for good", "test_content_length_*, test_framing"),
    ("protocol", "a request with ill-typed params was never answered", "test_params_of_the_wrong_type_*"),
    ("protocol", "requests before initialize served, after shutdown unanswered", "test_requests_before_initialize_*"),
    ("protocol", "exit took 8 s with a 1 MB document open; exit code lost", "test_exit_without_shutdown_*"),
    ("protocol", "a run with a negative line hung the kernel for good", "test_an_error_whose_report_fails_*"),
    ("protocol", "an answer the pipe took in part was cut by the next message", "test_frames_stay_whole_*"),
    ("soak", "memory grew ~1 GB per 1,000 edits (GC only after 2 s idle)", "test_soak_session_*"),
    ("soak", "pygls kept one future per didChange forever", "test_notifications_leave_no_futures_behind"),
    ("soak", "an unclosed bracket re-lowered the rest of the file per key", "test_forms_swallowed_by_*"),
    ("kernel", "hot reload evaluated code after trust was revoked", "test_revoking_trust_stops_*"),
    ("kernel", "allowNetwork / memory-limit changes ignored by a live kernel", "test_network_effects_are_off_*"),
    ("kernel", "a setting of the wrong type made initialize fail", "test_settings_of_the_wrong_type_*"),
    ("kernel", "a malformed request or frame stopped the kernel or its reader", "test_malformed_requests_*"),
    ("kernel", "an interrupt sent just before a cell started was lost: it ran on", "test_an_interrupt_right_after_*"),
    ("kernel", "output printed before a blocking call waited until it returned", "test_output_before_a_blocking_*"),
    ("soak", "hover p95 117 ms: difflib over all globals per unbound name", "test_renaming_a_function_*"),
    ("soak", "semantic tokens recomputed for the whole file per request", "test_an_edit_re_encodes_only_its_unit"),
]


def run_fuzzer(seconds: float) -> tuple[int, int, str]:
    """(cases, failures, engine) of a bounded run of the coverage-guided fuzzer."""
    with tempfile.TemporaryDirectory() as folder:
        artifacts = Path(folder) / "artifacts"
        script = ROOT / "tests/fuzz/fuzz_syntax.py"
        command = [sys.executable, str(script), "--seconds", str(seconds), "--corpus", str(Path(folder) / "corpus")]
        run = subprocess.run(
            [*command, "--artifacts", str(artifacts)],
            capture_output=True,
            text=True,
            cwd=folder,
        )
        output = run.stdout + run.stderr
        found = re.search(r"stat::number_of_executed_units:\s*(\d+)", output)
        crashes = len(list(artifacts.glob("*"))) if artifacts.exists() else 0
        failures = crashes or (0 if run.returncode == 0 else 1)
        engine = "random mutation" if "random-mutation" in output else "atheris/libFuzzer"
        return (int(found.group(1)) if found else 0), failures, engine


def run_pytest(paths: list[str], hypothesis: bool = False) -> tuple[int, int, float]:
    """(tests passed, tests failed, seconds) of a pytest run."""
    started = time.perf_counter()
    extra = ["--hypothesis-show-statistics"] if hypothesis else []
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, *paths],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    passed = sum(int(n) for n in re.findall(r"(\d+) passed", summary))
    failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|error)", summary))
    examples = sum(int(n) for n in re.findall(r"(\d+) passing examples", run.stdout))
    return passed + (examples if hypothesis else 0), failed, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description="Print the reliability figures.")
    parser.add_argument("--fuzz-seconds", type=float, default=120.0)
    parser.add_argument("--soak-edits", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="30 s of fuzzing and a 2,000-edit soak")
    args = parser.parse_args()
    if args.quick:
        args.fuzz_seconds, args.soak_edits = 30.0, 2_000

    rows: list[list[str]] = []
    cases, failures, engine = run_fuzzer(args.fuzz_seconds)
    rows.append([f"coverage-guided fuzzing ({engine}, {args.fuzz_seconds:.0f} s)", f"{cases:,}", str(failures)])
    examples, failed, seconds = run_pytest(["tests/fuzz/test_fuzz_syntax.py", "tests/protocol/test_framing.py"], True)
    rows.append([f"property-based fuzzing (hypothesis, {seconds:.0f} s)", f"{examples:,}", str(failed)])
    passed, failed, seconds = run_pytest(["tests/protocol"])
    rows.append([f"protocol abuse against claudelang-lsp ({seconds:.0f} s)", f"{passed} tests", str(failed)])
    passed, failed, seconds = run_pytest(
        ["tests/kernel/test_kernel_faults.py", "tests/kernel/test_worker_robustness.py"]
    )
    rows.append([f"kernel faults through the LSP ({seconds:.0f} s)", f"{passed} tests", str(failed)])
    soak = run_soak(edits=args.soak_edits)
    verdict = "equal" if soak.final_equal else "DIFFERENT"
    problems = soak.problems()
    label = f"soak ({soak.seconds:.0f} s, final state {verdict} to a fresh open)"
    rows.append([label, f"{soak.edits:,} edits", str(len(problems))])
    print_table(["harness", "cases", "failures"], rows)
    print()

    latency = []
    for kind in KINDS:
        start, end = soak.p95_start_end(kind)
        latency.append([kind, format_time(start), format_time(end), f"{(end / start - 1) * 100:+.0f}%"])
    cpu_start, cpu_end = soak.cpu_start_end()
    latency.append(
        [
            "server CPU per edit",
            format_time(cpu_start),
            format_time(cpu_end),
            f"{(cpu_end / cpu_start - 1) * 100:+.0f}%",
        ]
    )
    print(
        f"soak: {soak.edits:,} edits on a {soak.size_start / 1000:.0f} KB document, p95 over the first and last rounds"
    )
    print_table(["request", "p95 start", "p95 end", "change"], latency)
    print(
        f"server memory (VmRSS): {soak.rss_start_kb / 1024:.0f} MB after opening, {soak.rss_end_kb / 1024:.0f} MB "
        f"at the end ({soak.rss_growth_mb:+.1f} MB), peak {soak.rss_peak_kb / 1024:.0f} MB"
    )
    print()
    for problem in problems:
        print(f"soak FAILED: {problem}")
    print(f"bugs found by these harnesses and fixed ({len(FOUND)}):")
    print_table(["found by", "bug", "regression test"], [list(row) for row in FOUND])
    return 1 if any(int(row[2]) for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
