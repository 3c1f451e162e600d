"""`claudelang dis FILE` prints Python that parses back to what runs.

The compiler's identifiers (`io:print`, `;t1`, `x;1`, `type;`) are not Python names; dis
renames them. Each printed output is checked against the compiled forms: it must parse,
have the same shape, and rename identifiers one-to-one, consistently across all forms.
"""

from __future__ import annotations

import ast
import contextlib
import io
import keyword
import re
import tempfile
from pathlib import Path

import pytest
from claudelang.cli.main import main
from claudelang.runtime.errors import ClError
from claudelang.vm import Session
from hypothesis import given, settings
from hypothesis import strategies as st

from .test_cli import claudelang

CONFORMANCE = Path(__file__).resolve().parent.parent / "conformance"
PROGRAMS = sorted(CONFORMANCE.glob("*.cl"))


def dis(path: Path) -> tuple[int, str, str]:
    """Run `claudelang dis PATH` in this process: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["dis", str(path)])
    return status, out.getvalue(), err.getvalue()


def compiled_forms(path: Path) -> list[ast.Module]:
    return [form.module for form in Session(jit="off").compile_source(path.read_text(encoding="utf-8"), str(path))]


def folded(node: ast.AST) -> ast.AST:
    """`-2` is printed for the constant -2 and parsed back as a negation of 2."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        return ast.Constant(-node.operand.value)
    return node


def identifier_pairs(compiled: ast.AST, printed: ast.AST) -> list[tuple[str, str]]:
    """(compiled, printed) identifier pairs of two trees that must differ only in names."""
    pairs = []
    stack = [(compiled, printed)]
    while stack:
        left, right = stack.pop()
        right = folded(right) if isinstance(left, ast.Constant) else right
        assert type(left) is type(right), (ast.dump(left), ast.dump(right))
        for field, value in ast.iter_fields(left):
            other = getattr(right, field)
            values, others = (value, other) if isinstance(value, list) else ([value], [other])
            assert len(values) == len(others), field
            for one, two in zip(values, others, strict=True):
                if isinstance(one, ast.AST):
                    stack.append((one, two))
                elif isinstance(one, str) and not isinstance(left, ast.Constant):
                    pairs.append((one, two))
                else:
                    assert one == two, (field, one, two)
    return pairs


def printed_forms(path: Path, out: str) -> list[str]:
    """The Python printed for each form, split at the `# PATH:LINE:COL` headers."""
    return re.split(rf"^# {re.escape(str(path))}:\d+:\d+$", out, flags=re.MULTILINE)[1:]


def check_printed_python(path: Path, out: str) -> None:
    """Assert that `out` is the compiled forms of `path`, with identifiers renamed one-to-one."""
    ast.parse(out)
    chunks = printed_forms(path, out)
    modules = compiled_forms(path)
    assert len(chunks) == len(modules)
    renaming: dict[str, str] = {}
    for module, chunk in zip(modules, chunks, strict=True):
        for old, new in identifier_pairs(module, ast.parse(chunk)):
            assert new.isidentifier() and not keyword.iskeyword(new), new
            assert renaming.setdefault(old, new) == new, (old, new, renaming[old])
    assert len(set(renaming.values())) == len(renaming), renaming


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda path: path.name)
def test_dis_of_every_conformance_program_is_the_python_that_runs(program: Path) -> None:
    status, out, err = dis(program)
    if status == 1:  # a program testing syntax errors
        assert err.startswith("error[syntax]: ") and out == ""
        with pytest.raises(ClError):
            compiled_forms(program)
        return
    assert status == 0
    check_printed_python(program, out)


def test_dis_renames_and_explains_names(tmp_path: Path) -> None:
    source = "(define (f x) (if (number? x) (+ x 1) 0)) (io:print (f 2)) (let ((x 1)) (let ((x 2)) x))\n"
    (tmp_path / "a.cl").write_text(source)
    result = claudelang("dis", "a.cl", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == (
        "# a.cl:1:1\n"
        "def _toplevel():\n"
        "    global f\n\n"
        "    def f(x):\n"
        "        if number_p(x):\n"
        "            return x + 1\n"
        "        else:\n"
        "            return 0\n"
        "    return f\n"
        "# number_p = number?\n\n"
        "# a.cl:1:43\n"
        "def _toplevel():\n"
        "    return io_print(f(2))\n"
        "# io_print = io:print\n\n"
        "# a.cl:1:60\n"
        "def _toplevel():\n"
        "    x = 1\n"
        "    x_1 = 2\n"
        "    return x_1\n"
        "# x_1 = x\n\n"
    )


def test_dis_builtin_operators_as_values_are_names_not_operators(tmp_path: Path) -> None:
    (tmp_path / "ops.cl").write_text("(io:print (+) (apply + [1 2]) (map - [1]) (fold * 1 [2]))\n")
    out = claudelang("dis", "ops.cl", cwd=tmp_path).stdout
    expected = (
        "io_print(plus(), apply(plus, _make_list(1, 2)), map(minus, _make_list(1)), fold(star, 1, _make_list(2)))"
    )
    assert expected in out
    assert "# io_print = io:print, plus = +, minus = -, star = *" in out


def test_dis_explains_the_number_check_of_plus_and_shows_constants(tmp_path: Path) -> None:
    (tmp_path / "add.cl").write_text("(define (add a b) (+ a b))\n(define (k) :done)\n")
    out = claudelang("dis", "add.cl", cwd=tmp_path).stdout
    assert "return +a + b\n    return add\n# +a + b is (+ a b): the unary + raises unless a is a number\n" in out
    assert "return _c1\n    return k\n# _c1 = :done\n" in out


def test_dis_names_that_collide_after_renaming_get_a_suffix(tmp_path: Path) -> None:
    (tmp_path / "clash.cl").write_text("(define a_b 1)\n(define a-b 2)\n(define class 3)\n(io:print a-b a_b class)\n")
    out = claudelang("dis", "clash.cl", cwd=tmp_path).stdout
    assert "return io_print(a_b_2, a_b, class_)\n# io_print = io:print, a_b_2 = a-b, class_ = class\n" in out


# Symbols with the characters the compiler keeps and Python refuses, Python keywords, and
# names equal to what others become (`a_b`, `empty_p`, `_t1`, `_toplevel`, `type_`), and a
# NUL (a symbol character that a Python comment cannot hold).
FIXED_NAMES = st.sampled_from(
    [
        *keyword.kwlist,
        *[
            "a-b",
            "a_b",
            "a:b",
            "empty?",
            "empty_p",
            "set!",
            "set_bang",
            "string->list",
            "string_to_list",
            "x*",
            "*x*",
            "x_star",
            "+",
            "plus",
            "-",
            "minus",
            "x1",
            "x_1",
            "_t1",
            "_c1",
            "_toplevel",
            "type",
            "type_",
            "io_print",
            "lambda_",
            "not=",
            "é",
            "ﬁx",
            "fix",
            "a<b>",
            "a\x00b",
        ],
    ]
)
GENERATED_NAMES = st.from_regex(r"[a-cé_?!*<>=/][a-c0-9é_?!*<>=/:.#+-]{0,5}", fullmatch=True).filter(
    lambda name: name not in ("nil", "true", "false") and not name.endswith(":")
)
NAMES = st.lists(st.one_of(FIXED_NAMES, GENERATED_NAMES), min_size=2, max_size=8, unique=True)


def program_using(names: list[str]) -> str:
    """Globals, a function whose parameters shadow them, inner shadowing, and a use of all."""
    first, second = names[0], names[1]
    lines = [f"(define {name} {index})" for index, name in enumerate(names)]
    lines.append(
        f"(define (fn {first} {second}) (let (({first} {second})) (let (({second} {first})) [{first} {second}])))"
    )
    lines.append(f"(io:print {' '.join(names)})")
    return "\n".join(lines) + "\n"


@settings(max_examples=100, deadline=None)
@given(NAMES)
def test_dis_keeps_distinct_names_distinct(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "names.cl"
        path.write_text(program_using(names), encoding="utf-8")
        status, out, err = dis(path)
        assert (status, err) == (0, ""), err
        check_printed_python(path, out)
    chunks = printed_forms(path, out)
    defined = [ast.parse(chunk).body[0].body[0] for chunk in chunks[: len(names)]]
    assert all(isinstance(statement, ast.Global) for statement in defined)
    python_names = [statement.names[0] for statement in defined]
    assert len(set(python_names)) == len(names)
    used = ast.parse(chunks[-1]).body[0].body[0].value.args
    assert [name.id for name in used] == python_names
