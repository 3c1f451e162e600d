"""Disagreements between `claudelang check` and `claudelang run` that the differential
fuzzer (`benchmarks/differential.py`) found, one minimal program per class.

Each test states the agreement LANGUAGE.md asks for: `expected` lists the errors (kind,
file, line, column) that check must report and that running must raise, at the same place
(an empty list: neither side has one). The programs go through the same oracle as the
generated ones (`oracle.compare`), plus an exact comparison of the two sides.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.differential.oracle import RUN_KINDS, compare

Expected = list[tuple[str, str, int, int]]


def assert_agree(folder: Path, files: dict[str, str], expected: Expected) -> None:
    verdict = compare(folder, files, "main.cl")
    reported = sorted((r.kind, *r.at) for r in verdict.reported)
    raised = sorted({(r.kind, *r.at) for r in verdict.run.raised if r.kind in RUN_KINDS})
    assert (reported, raised) == (sorted(expected), sorted(expected)), verdict.found


def test_star_import_gives_check_the_arity_of_the_imported_function(tmp_path: Path) -> None:
    """check knows nothing of a name bound by `(import "m" *)`, so misses its arity errors."""
    files = {"m.cl": "(module m (export sq) (define (sq p) p))\n", "main.cl": '(import "m" *)\n(sq)\n'}
    assert_agree(tmp_path, files, [("arity", "main.cl", 2, 1)])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(define (f) 0)\n(define (f p) p)\n(f)\n", [("arity", "main.cl", 3, 1)]),
        ("(define (f) 0)\n(define (f p) p)\n(f 1)\n", []),
    ],
    ids=["missed", "false-alarm"],
)
def test_a_redefined_function_is_checked_against_the_definition_in_force(
    tmp_path: Path, source: str, expected: Expected
) -> None:
    """check takes the first of several top-level definitions of a name; run calls the
    latest one defined before the call."""
    assert_agree(tmp_path, {"main.cl": source}, expected)


def test_result_is_unbound_in_a_requires_clause(tmp_path: Path) -> None:
    """`result` exists only for :ensures; run raises in :requires, check says nothing."""
    source = "(spec:contract f :requires [(number? result)])\n(define (f) 0)\n(f)\n"
    assert_agree(tmp_path, {"main.cl": source}, [("unbound-name", "main.cl", 1, 38)])


def test_a_constructor_pattern_without_data_matches_tagged_tuples(tmp_path: Path) -> None:
    """§3: `(tuple "Pair" 1 2)` matches `(Pair l r)` with no `data` declaration; check
    reports `Pair` as an unbound name."""
    source = '(io:print (match (tuple "Pair" 1 2) ((Pair l r) l) (_ 0)))\n'
    assert_agree(tmp_path, {"main.cl": source}, [])


def test_a_contract_in_a_body_names_the_parameters_of_the_local_function(tmp_path: Path) -> None:
    """§6: a contract attaches to the function of that name in its own scope. When a
    function's body holds a contract for a local function of the function's own name,
    check resolves the clause against the global one (no parameter `q`)."""
    source = "(define (f p) (spec:contract f :requires [(number? q)]) (define (f q r) 0) (f p 8))\n(f 2)\n"
    assert_agree(tmp_path, {"main.cl": source}, [])


def test_set_of_an_unbound_name_is_reported_at_the_name(tmp_path: Path) -> None:
    """check reports the name of `(set! nope 1)`, run the whole `set!` form."""
    assert_agree(tmp_path, {"main.cl": "(set! nope 1)\n"}, [("unbound-name", "main.cl", 1, 7)])


def test_an_exported_name_that_is_never_defined_is_reported_in_the_export_list(tmp_path: Path) -> None:
    """check reports `ghost` in the export list, run the whole `module` form."""
    files = {"m.cl": "(module m (export ghost))\n", "main.cl": '(import "m" *)\n'}
    assert_agree(tmp_path, files, [("unbound-name", "m.cl", 1, 19)])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("(io:print (g))\n(define (g) 0)\n", [("unbound-name", "main.cl", 1, 12)]),
        ("(define v (- v))\n", [("unbound-name", "main.cl", 1, 14)]),
        ('(io:print a)\n(import "m" (a))\n', [("unbound-name", "main.cl", 1, 11)]),
    ],
    ids=["later-define", "own-init", "later-import"],
)
def test_a_global_used_before_its_definition_runs(tmp_path: Path, source: str, expected: Expected) -> None:
    """Top-level code that runs before a global is defined (by a later `define`, its own
    init, a later `import`) raises unbound-name; check accepts every use of a global
    wherever it is defined."""
    files = {"m.cl": "(module m (export a) (define a 1))\n", "main.cl": source}
    assert_agree(tmp_path, files, expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('(import "m" (a zz))\n', [("import", "main.cl", 1, 16)]),
        ('(import "nomod" (a))\n', [("import", "main.cl", 1, 9)]),
    ],
    ids=["not-exported", "missing-module"],
)
def test_import_errors_are_reported_at_the_same_place(tmp_path: Path, source: str, expected: Expected) -> None:
    """check reports the name that is not exported (or the path not found), run the
    whole `import` form. (The fuzzer compares import errors by form, so only this test
    sees the difference.)"""
    files = {"m.cl": "(module m (export a) (define a 1))\n", "main.cl": source}
    assert_agree(tmp_path, files, expected)


def test_a_nullary_constructor_called_with_fields_is_an_arity_error(tmp_path: Path) -> None:
    """§3: a constructor called with the wrong number of fields is an arity error. check
    says arity; run raises a type error ("cannot call a data value")."""
    source = "(data T (K))\n(io:print (K 1))\n"
    assert_agree(tmp_path, {"main.cl": source}, [("arity", "main.cl", 2, 11)])


def test_importing_a_file_without_a_module_form(tmp_path: Path) -> None:
    """run refuses a module file with no `(module ...)` form at the import; check is silent."""
    files = {"m.cl": "(define a 1)\n", "main.cl": '(import "m" (a))\n'}
    assert_agree(tmp_path, files, [("import", "main.cl", 1, 9)])


def test_an_internal_define_read_by_its_own_init(tmp_path: Path) -> None:
    """§3: reading a binding before its init has run is an error at that reference; run
    raises it for an internal define, check is silent."""
    source = "(define (f) (define n (+ n 1)) n)\n(f)\n"
    assert_agree(tmp_path, {"main.cl": source}, [("unbound-name", "main.cl", 1, 26)])


def test_a_call_in_tail_of_a_do_argument_is_reported_at_the_call(tmp_path: Path) -> None:
    """The compiler placed the value of `(do ... (sq))` at the `do`, so run raised sq's arity
    error there; check reports it at `(sq)`."""
    files = {"m.cl": "(module m (define (sq p0) 0))\n", "main.cl": '(import "m" *)\n(define w (list (do (sq))))\n'}
    assert_agree(tmp_path, files, [("arity", "main.cl", 2, 21)])


def test_an_inner_define_of_the_name_runs_before_the_outer_init_reads_it(tmp_path: Path) -> None:
    """`(define v 0)` inside v's own init has bound v by the time the init reads it; check
    said 'used before its definition'."""
    source = "(define v ((define v 0) (cond (v))))\n"
    assert_agree(tmp_path, {"main.cl": source}, [])


def test_a_lambda_called_in_place_runs_with_its_form(tmp_path: Path) -> None:
    """((lambda () ...)) runs its body right away, so reading the global being defined there
    fails; check took the body for a function called later."""
    source = "(define v ((lambda () (try (+ v)))))\n"
    assert_agree(tmp_path, {"main.cl": source}, [("unbound-name", "main.cl", 1, 31)])


def test_an_error_raised_inside_a_catch_handler_is_its_own(tmp_path: Path) -> None:
    """`(Some e)` in a catch body raises a new arity error while the caught one is handled;
    the oracle took it for the runtime restating the caught error."""
    source = "(data T (Some))\n(try (f) (catch (e) (try (Some e) (catch (e2)))))\n"
    expected = [("unbound-name", "main.cl", 2, 7), ("arity", "main.cl", 2, 26)]
    assert_agree(tmp_path, {"main.cl": source}, expected)
