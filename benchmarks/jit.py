"""JIT benchmark: plain CPython, the ClaudeLang VM and the ClaudeLang JIT, in one run.

Kernels: fib(30); mandelbrot 200×200 with 50 iterations; a 10⁷-iteration sum loop;
n-body (5 bodies, 100k steps); spectral norm (N=100, 10 iterations); numba @njit too when
it is installed (`pip install numba`, the release that matches the installed llvmlite;
optional, for this benchmark only). The ClaudeLang programs run unchanged with `--jit off`
and `--jit auto` (the JIT column is auto mode after its first run: counters, compilation
and on-stack replacement happened in that run; the function is called from Python, as
numba's are, and timed in turns with numba's; the cost Session.eval adds to parse and
compile the call text is printed apart). The first run is timed twice: compiling
on the compile thread while the VM runs on (the default), and on the VM's thread. Where
the VM or CPython would take too long, a smaller size is timed and scaled linearly; the
table says so.

Also printed: compile time per compiled function (its phases, and how long after the
request the VM installed it), the one-off cost of
loading llvmlite, the first-call overhead in eager mode, and the cost of one call through
a dispatcher (generated METH_FASTCALL builtin vs ctypes) compared with a VM call.

Notes on the subset: n-body is written with scalar variables (5 bodies × 7 numbers) since
the JIT has no arrays; spectral norm keeps its vectors in ClaudeLang lists, which stay in
the VM, so only the matrix-element function `eval-a` runs natively (this measures a VM
loop calling a small native function). Run: `python benchmarks/jit.py`.
"""

from __future__ import annotations

import importlib.util
import math
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FunctionType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from claudelang.compiler.names import mangle
from claudelang.jit import compile_thread
from claudelang.jit.engine import get_engine
from claudelang.jit.pipeline import Unit
from claudelang.vm import Session
from timing import format_time, median_seconds, print_table

# ---------------------------------------------------------------- ClaudeLang programs

FIB = "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))"

MANDELBROT = """
(define (mandel-count cr ci max-iter)
  (let loop ((zr 0.0) (zi 0.0) (i 0))
    (if (or (>= i max-iter) (> (+ (* zr zr) (* zi zi)) 4.0))
        i
        (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2.0 zr zi) ci) (+ i 1)))))

(define (mandelbrot size max-iter)
  (let rows ((y 0) (total 0))
    (if (< y size)
        (rows (+ y 1)
              (let cols ((x 0) (acc total))
                (if (< x size)
                    (cols (+ x 1)
                          (+ acc (mandel-count (- (/ (* 3.0 x) size) 2.0) (- (/ (* 2.0 y) size) 1.0) max-iter)))
                    acc)))
        total)))
"""

SUM_LOOP = "(define (sum-loop n) (let loop ((i 0) (acc 0)) (if (< i n) (loop (+ i 1) (+ acc (* i 3))) acc)))"

SPECTRAL = """
(define (eval-a i j) (/ 1.0 (+ (quot (* (+ i j) (+ i j 1)) 2) i 1)))

(define (times u n transpose)
  (map (lambda (i)
         (let loop ((j 0) (s 0.0))
           (if (< j n)
               (loop (+ j 1) (+ s (* (if transpose (eval-a j i) (eval-a i j)) (nth u j))))
               s)))
       (range n)))

(define (times-at-a u n) (times (times u n #f) n #t))

(define (spectral-norm n)
  (let loop ((k 0) (u (map (lambda (i) 1.0) (range n))) (v []))
    (if (< k 10)
        (let ((v2 (times-at-a u n)))
          (loop (+ k 1) (times-at-a v2 n) v2))
        (sqrt (/ (fold + 0.0 (map * u v)) (fold + 0.0 (map * v v)))))))
"""

BODIES = (  # sun, jupiter, saturn, uranus, neptune: x y z vx vy vz mass (per year, solar masses)
    (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
    (
        4.84143144246472090e00,
        -1.16032004402742839e00,
        -1.03622044471123109e-01,
        1.66007664274403694e-03 * 365.24,
        7.69901118419740425e-03 * 365.24,
        -6.90460016972063023e-05 * 365.24,
        9.54791938424326609e-04,
    ),
    (
        8.34336671824457987e00,
        4.12479856412430479e00,
        -4.03523417114321381e-01,
        -2.76742510726862411e-03 * 365.24,
        4.99852801234917238e-03 * 365.24,
        2.30417297573763929e-05 * 365.24,
        2.85885980666130812e-04,
    ),
    (
        1.28943695621391310e01,
        -1.51111514016986312e01,
        -2.23307578892655734e-01,
        2.96460137564761618e-03 * 365.24,
        2.37847173959480950e-03 * 365.24,
        -2.96589568540237556e-05 * 365.24,
        4.36624404335156298e-05,
    ),
    (
        1.53796971148509165e01,
        -2.59193146099879641e01,
        1.79258772950371181e-01,
        2.68067772490389322e-03 * 365.24,
        1.62824170038242295e-03 * 365.24,
        -9.51592254519715870e-05 * 365.24,
        5.15138902046611451e-05,
    ),
)
SOLAR_MASS = 4 * math.pi * math.pi


def nbody_source() -> str:
    """n-body with one scalar variable per coordinate (generated: the JIT has no arrays)."""
    count = len(BODIES)
    fields = ("x", "y", "z", "vx", "vy", "vz")
    bindings = []
    for index, body in enumerate(BODIES):
        for field_name, value in zip(fields, body[:6], strict=True):
            bindings.append(f"({field_name}{index} {value!r})")
        bindings.append(f"(m{index} {body[6] * SOLAR_MASS!r})")
    lines = [f"(define (nbody steps)\n  (let ({' '.join(bindings)} (dt 0.01) (step 0))"]
    for axis in ("x", "y", "z"):  # offset the sun's momentum
        total = " ".join(f"(* v{axis}{i} m{i})" for i in range(count))
        lines.append(f"    (set! v{axis}0 (- (/ (+ {total}) {SOLAR_MASS!r})))")
    lines.append("    (while (< step steps)")
    for i in range(count):
        for j in range(i + 1, count):
            lines.append(
                f"      (let* ((dx (- x{i} x{j})) (dy (- y{i} y{j})) (dz (- z{i} z{j}))"
                f" (d2 (+ (* dx dx) (* dy dy) (* dz dz))) (mag (/ dt (* d2 (sqrt d2)))))"
            )
            for axis, delta in (("x", "dx"), ("y", "dy"), ("z", "dz")):
                lines.append(f"        (set! v{axis}{i} (- v{axis}{i} (* {delta} m{j} mag)))")
                lines.append(f"        (set! v{axis}{j} (+ v{axis}{j} (* {delta} m{i} mag)))")
            lines[-1] += ")"
    for i in range(count):
        for axis in ("x", "y", "z"):
            lines.append(f"      (set! {axis}{i} (+ {axis}{i} (* dt v{axis}{i})))")
    lines.append("      (set! step (+ step 1)))")
    kinetic = " ".join(f"(* 0.5 m{i} (+ (* vx{i} vx{i}) (* vy{i} vy{i}) (* vz{i} vz{i})))" for i in range(count))
    potential = " ".join(
        f"(/ (* m{i} m{j}) (sqrt (+ (* (- x{i} x{j}) (- x{i} x{j})) (* (- y{i} y{j}) (- y{i} y{j}))"
        f" (* (- z{i} z{j}) (- z{i} z{j})))))"
        for i in range(count)
        for j in range(i + 1, count)
    )
    lines.append(f"    (- (+ {kinetic}) (+ {potential}))))")
    return "\n".join(lines)


# ---------------------------------------------------------------- the same in Python


def py_fib(n: int) -> int:
    return n if n < 2 else py_fib(n - 1) + py_fib(n - 2)


def py_mandel_count(cr: float, ci: float, max_iter: int) -> int:
    zr = zi = 0.0
    i = 0
    while i < max_iter and zr * zr + zi * zi <= 4.0:
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        i += 1
    return i


def py_mandelbrot(size: int, max_iter: int) -> int:
    total = 0
    for y in range(size):
        for x in range(size):
            total += py_mandel_count(3.0 * x / size - 2.0, 2.0 * y / size - 1.0, max_iter)
    return total


def py_sum_loop(n: int) -> int:
    acc = 0
    for i in range(n):
        acc += i * 3
    return acc


def py_nbody(steps: int) -> float:
    """Plain loops over lists of floats: the same code runs in CPython and under numba."""
    x, y, z = [b[0] for b in BODIES], [b[1] for b in BODIES], [b[2] for b in BODIES]
    vx, vy, vz = [b[3] for b in BODIES], [b[4] for b in BODIES], [b[5] for b in BODIES]
    m = [b[6] * SOLAR_MASS for b in BODIES]
    count = len(m)
    px = py = pz = 0.0
    for i in range(count):
        px, py, pz = px + vx[i] * m[i], py + vy[i] * m[i], pz + vz[i] * m[i]
    vx[0], vy[0], vz[0] = -px / SOLAR_MASS, -py / SOLAR_MASS, -pz / SOLAR_MASS
    dt = 0.01
    for _ in range(steps):
        for i in range(count):
            for j in range(i + 1, count):
                dx, dy, dz = x[i] - x[j], y[i] - y[j], z[i] - z[j]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                vx[i], vy[i], vz[i] = vx[i] - dx * m[j] * mag, vy[i] - dy * m[j] * mag, vz[i] - dz * m[j] * mag
                vx[j], vy[j], vz[j] = vx[j] + dx * m[i] * mag, vy[j] + dy * m[i] * mag, vz[j] + dz * m[i] * mag
        for i in range(count):
            x[i], y[i], z[i] = x[i] + dt * vx[i], y[i] + dt * vy[i], z[i] + dt * vz[i]
    energy = 0.0
    for i in range(count):
        energy += 0.5 * m[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i])
        for j in range(i + 1, count):
            dx, dy, dz = x[i] - x[j], y[i] - y[j], z[i] - z[j]
            energy -= m[i] * m[j] / math.sqrt(dx * dx + dy * dy + dz * dz)
    return energy


def py_eval_a(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def py_spectral_norm(n: int) -> float:
    def times(u: list[float], transpose: bool) -> list[float]:
        return [sum((py_eval_a(j, i) if transpose else py_eval_a(i, j)) * u[j] for j in range(n)) for i in range(n)]

    u, v = [1.0] * n, []
    for _ in range(10):
        v = times(times(u, False), True)
        u = times(times(v, False), True)
    return math.sqrt(sum(a * b for a, b in zip(u, v, strict=True)) / sum(b * b for b in v))


# ---------------------------------------------------------------- running


@dataclass
class Case:
    name: str
    source: str
    call: str  # ClaudeLang call at full size
    python: Callable[[], object]
    vm_call: str  # what the VM (and CPython) time, maybe smaller
    scale: float  # full size / timed size for the VM and CPython
    python_small: Callable[[], object]


def cases() -> list[Case]:
    return [
        Case("fib(30)", FIB, "(fib 30)", lambda: py_fib(30), "(fib 30)", 1, lambda: py_fib(30)),
        Case(
            "mandelbrot 200×200, 50 it.",
            MANDELBROT,
            "(mandelbrot 200 50)",
            lambda: py_mandelbrot(200, 50),
            "(mandelbrot 200 50)",
            1,
            lambda: py_mandelbrot(200, 50),
        ),
        Case(
            "sum loop 10⁷",
            SUM_LOOP,
            "(sum-loop 10000000)",
            lambda: py_sum_loop(10_000_000),
            "(sum-loop 1000000)",
            10,
            lambda: py_sum_loop(1_000_000),
        ),
        Case(
            "n-body 5 bodies, 100k steps",
            nbody_source(),
            "(nbody 100000)",
            lambda: py_nbody(100_000),
            "(nbody 5000)",
            20,
            lambda: py_nbody(5_000),
        ),
        Case(
            "spectral norm N=100",
            SPECTRAL,
            "(spectral-norm 100)",
            lambda: py_spectral_norm(100),
            "(spectral-norm 100)",
            1,
            lambda: py_spectral_norm(100),
        ),
    ]


def session_runner(mode: str, source: str, call: str) -> tuple[Session, Callable[[], object]]:
    session = Session(jit=mode)
    session.eval(source)
    return session, lambda: session.eval(call)


def measure(work: Callable[[], object], slow: bool) -> float:
    return median_seconds(work, runs=3) if slow else median_seconds(work, budget=1.5)


def numba_kernels() -> dict[str, Callable[[], object]]:
    """numba `@njit` copies of the Python kernels, by case name (none when numba is absent)."""
    if importlib.util.find_spec("numba") is None:
        return {}
    import numba  # pragma: no cover - only where installed

    jitted = numba_twins(numba.njit, [py_fib, py_mandel_count, py_mandelbrot, py_sum_loop, py_nbody])
    return {
        "fib(30)": lambda: jitted["py_fib"](30),
        "mandelbrot 200×200, 50 it.": lambda: jitted["py_mandelbrot"](200, 50),
        "sum loop 10⁷": lambda: jitted["py_sum_loop"](10_000_000),
        "n-body 5 bodies, 100k steps": lambda: jitted["py_nbody"](100_000),
    }


def numba_twins(njit: Callable[[Callable[..., Any]], Any], functions: list[FunctionType]) -> dict[str, Any]:
    """`njit` copies of `functions` whose globals name one another's copies.

    numba types a call by the global it names, so the copy of `py_fib` must call the copy,
    not the Python function (`Untyped global name 'py_fib'` otherwise).
    """
    namespace = dict(globals())
    for fn in functions:
        namespace[fn.__name__] = njit(FunctionType(fn.__code__, namespace, fn.__name__))
    return namespace


def main() -> None:
    startup = get_engine().startup_seconds
    numba_kernels_available = numba_kernels()
    rows = []
    compile_rows: list[list[str]] = []
    versus_numba: dict[str, float] = {}
    eval_overheads: list[float] = []
    for case in cases():
        python = measure(case.python_small, slow=True) * case.scale
        vm_session, vm_run = session_runner("off", case.source, case.vm_call)
        vm = measure(vm_run, slow=True) * case.scale
        first_run(case, background=False)  # LLVM warmed up and this case's dispatchers made for both timings
        first, jit_session = first_run(case, background=True)
        first_sync, _ = first_run(case, background=False)
        jit_value = jit_session.eval(case.call)
        numba = numba_kernels_available.get(case.name)
        jit, numba_seconds = interleaved(python_call(jit_session, case.call), numba)
        eval_overheads.append(measure(lambda session=jit_session, call=case.call: session.eval(call), slow=False) - jit)
        check = vm_session.eval(case.call) if case.scale == 1 else None
        if check is not None and check != jit_value:
            raise SystemExit(f"{case.name}: the VM says {check!r}, the JIT {jit_value!r}")
        if numba_seconds is not None:
            versus_numba[case.name] = numba_seconds / jit
        scaled = f"{case.vm_call} ×{case.scale:g}" if case.scale != 1 else "full size"
        rows.append(
            [
                case.name,
                format_time(python),
                format_time(vm),
                format_time(jit),
                f"{format_time(first)} / {format_time(first_sync)}",
                f"{python / jit:.1f}×",
                f"{vm / jit:.1f}×",
                format_time(numba_seconds) if numba_seconds is not None else "—",
                f"{numba_seconds / jit:.2f}×" if numba_seconds is not None else "—",
                scaled,
            ]
        )
        compile_rows.extend(compile_row(case.name.split(" ")[0], unit) for unit in jit_session.jit_manager.units)
    headers = [
        "kernel",
        "CPython",
        "VM",
        "JIT (auto)",
        "JIT 1st run: background / on the VM's thread",
        "JIT vs CPython",
        "JIT vs VM",
        "numba",
        "JIT vs numba",
        "CPython and VM timed at",
    ]
    print_table(headers, rows)
    if not numba_kernels_available:
        print("numba: not installed (not benchmarked)")
    print()
    print_table(
        [
            "kernel",
            "compiled on the compile thread",
            "compile",
            "(CPU)",
            "infer / lower / parse / O2 / codegen / entry (ms)",
            "request → installed",
            "≤ 15 ms or the VM never waits",
        ],
        compile_rows,
    )
    print()
    print(f"llvmlite import and LLVM start-up (once per process): {format_time(startup)}")
    overhead = statistics.median(eval_overheads)
    print(f"Session.eval of the call text instead of a call from Python: + {format_time(overhead)} (median)")
    print_overheads()
    print_targets(rows, versus_numba)


def interleaved(
    jit: Callable[[], object], numba: Callable[[], object] | None, budget: float = 3.0
) -> tuple[float, float | None]:
    """Median seconds of `jit` and of `numba`, run in turns so that a change in the machine's
    load falls on both alike (`jit` alone when numba is absent)."""
    if numba is None:
        return measure(jit, slow=False), None
    jit(), numba()  # warm-up
    samples: tuple[list[float], list[float]] = ([], [])
    deadline = time.perf_counter() + budget
    while time.perf_counter() < deadline or len(samples[0]) < 5:
        for work, times in ((jit, samples[0]), (numba, samples[1])):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def python_call(session: Session, call: str) -> Callable[[], object]:
    """`(f 200 50)` as a call from Python of what the namespace holds for `f` (the dispatcher once
    compiled), as numba's kernels are called: Session.eval would add parsing and compiling the text."""
    name, *args = call.strip("()").split()
    namespace, key, values = session.namespace, mangle(name), [int(arg) for arg in args]
    return lambda: namespace[key](*values)


def first_run(case: Case, background: bool) -> tuple[float, Session]:
    """The first full-size run in auto mode (counting, compiling, on-stack replacement), and
    its session once the compile thread is idle (every compilation done; the next call installs)."""
    session, run = session_runner("auto", case.source, case.call)
    assert session.jit_manager is not None
    session.jit_manager.background = background
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    compile_thread.wait_idle()
    return seconds, session


def compile_row(kernel: str, unit: Unit) -> list[str]:
    t = unit.timings
    background = unit.installed_after > 0
    return [
        kernel,
        shorten(unit.label),
        format_time(t.total),
        format_time(t.cpu),
        " / ".join(f"{seconds * 1e3:.1f}" for seconds in (t.infer, t.lower, t.parse, t.optimize, t.codegen, t.entry)),
        format_time(unit.installed_after) if background else "—",
        "met" if background or t.total <= 0.015 else "MISSED",
    ]


def shorten(label: str) -> str:
    """`nbody/while@6(int, float, float, ...)` with long signatures cut."""
    name, _, signature = label.partition("(")
    types = signature.rstrip(")").split(", ")
    return label if len(types) <= 6 else f"{name}({', '.join(types[:4])}, … {len(types)} args)"


def print_overheads() -> None:
    """First call in eager mode, and one call through each kind of entry."""
    rows = []
    source = "(define (inc x) (+ x 1))"
    start = time.perf_counter()
    eager = Session(jit="eager")
    eager.eval(source)
    eager.eval("(inc 1)")
    rows.append(["first call, eager (define + compile + call)", format_time(time.perf_counter() - start)])
    vm = Session(jit="off")
    vm.eval(source)
    ctypes_session = Session(jit="eager")
    assert ctypes_session.jit_manager is not None
    ctypes_session.jit_manager.entry_kind = "ctypes"
    ctypes_session.eval(source)
    for label, fn in (
        ("call from Python: VM function", vm.namespace["inc"]),
        ("call from Python: native via METH_FASTCALL dispatcher", eager.namespace["inc"]),
        ("call from Python: native via ctypes", ctypes_session.namespace["inc"]),
    ):
        rows.append([label, f"{per_call(fn) * 1e9:.0f} ns"])
    print()
    print_table(["entry overhead", "time"], rows)


def per_call(fn: Callable[[int], object]) -> float:
    """Seconds per call of `fn(7)` from a Python loop, the loop itself subtracted (best of 7)."""
    numbers = range(200_000)
    empty = min(timeit.repeat("for i in numbers: pass", globals={"numbers": numbers}, number=1, repeat=7))
    calls = min(timeit.repeat("for i in numbers: fn(7)", globals={"numbers": numbers, "fn": fn}, number=1, repeat=7))
    return max(calls - empty, 0.0) / len(numbers)


def print_targets(rows: list[list[str]], versus_numba: dict[str, float]) -> None:
    print()
    for row in rows:
        if row[0].startswith(("fib", "mandelbrot")):
            ratio = float(row[5].rstrip("×"))
            print(f"target JIT ≥ 30× CPython on {row[0]}: {ratio:.1f}× — {'met' if ratio >= 30 else 'MISSED'}")
    for name, ratio in versus_numba.items():
        if name.startswith(("fib", "mandelbrot", "n-body")):
            print(f"target JIT at least numba's speed on {name}: {ratio:.2f}× — {'met' if ratio >= 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
