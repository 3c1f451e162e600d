"""The builtin registry: completeness against LANGUAGE.md §8, record shape, arity, examples.

Every registry example (`(range 3) ⇒ [0 1 2]`) is run through the mini evaluator and
its printed result compared, so the examples the editor shows on hover stay true.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from claudelang.runtime import (
    BUILTINS,
    EFFECT_KINDS,
    Builtin,
    ClError,
    Settings,
    check_arity,
    global_bindings,
    lookup,
    use_settings,
)
from claudelang.runtime.plist import of
from claudelang.runtime.registry import parse_params
from claudelang.vm import Session

from .mini import evaluate, read, run


def words(text: str) -> list[str]:
    return text.split()


SECTION_8 = words(
    """
list cons head tail first second last rest nth length empty? null? append concat reverse
range map filter fold foldr reduce map-indexed for-each take drop zip list-zip sort list-sort
sort-by any? all? find list-find index-of list-unique flatten list-partition group-by chunk
sliding-window sum product min max member? car cdr tuple
identity compose partial apply memoize
string-length substring string-split string-join string-trim string-upper string-lower
string-upcase string-downcase string-contains? string-starts-with? string-ends-with?
string-replace string->list list->string to-string string->number concat string-concat
string-append
abs min max floor ceil round sqrt pow exp log sin cos tan atan atan2 pi e gcd lcm
factorial mean clamp even? odd? zero? positive? negative? quot mod %
dict-new dict-get dict-get-or dict-set dict-remove dict-has? dict-keys
dict-values dict-items dict-size dict-merge set-new set-from-list set-add set-has? set-union
set-intersection set-difference set-to-list
number? int? float? string? bool? boolean? list? map? function? nil? keyword?
symbol? error? sorted? not not= implies
error-message error-data
json-parse json-stringify datetime:now datetime:iso-format datetime:year
datetime:month datetime:day datetime:add-days
+ - * / < <= > >= = == != not=
disable-contract-checking! enable-contract-checking!
"""
)

EFFECT_OPS = words(
    """
io:print print io:read-line io:read-file io:write-file state:new state:get state:set
state:update error:raise error time:now time:sleep time:measure random:int random:float
random:choice random:seed network:get
"""
)

ALIASES = {
    "car": "head",
    "cdr": "tail",
    "list-zip": "zip",
    "list-sort": "sort",
    "list-find": "find",
    "string-upcase": "string-upper",
    "string-downcase": "string-lower",
    "string-append": "string-concat",
    "boolean?": "bool?",
    "%": "mod",
    "==": "=",
    "!=": "not=",
    "print": "io:print",
    "error": "error:raise",
}

# Examples whose result varies from run to run: run them, but do not compare the result.
VARYING = {
    "datetime:now",
    "time:now",
    "time:measure",
    "random:int",
    "random:float",
    "random:choice",
}
# Examples that would touch the outside world: only check that they parse.
NOT_RUN = {"io:read-line", "io:read-file", "io:write-file", "network:get"}


@pytest.mark.parametrize("name", sorted(set(SECTION_8 + EFFECT_OPS)))
def test_every_documented_name_is_registered(name: str) -> None:
    entry = lookup(name)
    assert entry is not None, name
    assert global_bindings()[name] is entry.value


def test_aliases_share_the_implementation_and_name_themselves() -> None:
    for alias, original in ALIASES.items():
        entry, target = BUILTINS[alias], BUILTINS[original]
        assert entry.alias_of == original and entry.fn.__cl_name__ == alias, alias
        assert entry.impl is not target.impl and (entry.min_args, entry.max_args) == (target.min_args, target.max_args)
        assert entry.doc.startswith(f"Alias of `{original}`.")
        assert entry.example.startswith(f"({alias}")


def run_error(source: str) -> tuple[str, str]:
    """(kind, message) of the error that evaluating `source` (compiled, as users run it) raises."""
    with pytest.raises(ClError) as info:
        Session().eval(source)
    return info.value.kind, info.value.message


def test_an_alias_reports_errors_under_its_own_name_but_not_those_of_callbacks() -> None:
    assert run_error("(car [])") == ("index", "car: empty list")
    assert run_error("(string-upcase 1)") == ("type", "string-upcase: expected a string, got 1 (int)")
    assert run_error("(list-sort [2 1] (lambda (a b) (head [])))") == ("index", "head: empty list")


ENTRIES = sorted(BUILTINS.values(), key=lambda b: b.name)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda b: b.name)
def test_record_is_well_formed(entry: Builtin) -> None:
    assert entry.doc.endswith(".") and "\n" not in entry.doc, entry.doc
    assert " ⇒ " in entry.example
    assert entry.effects <= set(EFFECT_KINDS)
    assert entry.family
    if entry.is_constant:
        assert entry.example.startswith(entry.name) and entry.signature == entry.name
        return
    assert entry.example.startswith("(")
    assert callable(entry.fn) and entry.value is entry.fn and callable(entry.impl)
    assert parse_params(entry.params) == (entry.params, entry.min_args, entry.max_args)
    assert entry.signature == "(" + " ".join([entry.name, *entry.params]) + ")"
    if ":" in entry.name and entry.name.split(":")[0] in EFFECT_KINDS:
        assert entry.effects == {entry.name.split(":")[0]}


def test_effect_sets() -> None:
    assert lookup("print").effects == {"io"}
    assert lookup("error").effects == {"error"}
    assert lookup("datetime:now").effects == {"time"}
    assert lookup("map").effects == frozenset()


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda b: b.name)
def test_example_holds(entry: Builtin) -> None:
    source, expected = entry.example.split(" ⇒ ")
    if entry.name in NOT_RUN:
        read(source)
        return
    with use_settings(Settings(stdout=io.StringIO())):
        if expected.startswith("error: "):
            with pytest.raises(ClError, match=expected.removeprefix("error: ")):
                evaluate(source)
        elif entry.alias_of in VARYING or entry.name in VARYING:
            evaluate(source)
        else:
            assert run(source) == expected


@pytest.mark.parametrize("entry", [b for b in ENTRIES if not b.is_constant], ids=lambda b: b.name)
def test_wrong_argument_counts_raise_arity_errors(entry: Builtin) -> None:
    counts = [entry.min_args - 1] if entry.min_args else []
    if entry.max_args is not None:
        counts.append(entry.max_args + 1)
    for count in counts:
        with pytest.raises(ClError) as info:
            entry.fn(*[0] * count)
        assert info.value.kind == "arity"
        assert info.value.message.startswith(f"{entry.name}: expected ")
        assert info.value.message.endswith(f", got {count}")
        with pytest.raises(ClError):
            check_arity(entry, count)


def test_arity_messages() -> None:
    with pytest.raises(ClError, match=r"^range: expected 1 to 3 arguments, got 0$"):
        lookup("range").fn()
    with pytest.raises(ClError, match=r"^head: expected 1 argument, got 2$"):
        lookup("head").fn((1,), (2,))
    with pytest.raises(ClError, match=r"^-: expected at least 1 argument, got 0$"):
        lookup("-").fn()


def test_check_arity_accepts_valid_counts() -> None:
    check_arity(lookup("range"), 1)
    check_arity(lookup("range"), 3)
    check_arity(lookup("+"), 0)
    check_arity(lookup("+"), 50)


def test_type_errors_inside_callbacks_are_not_masked() -> None:
    def broken(x: object) -> object:
        raise TypeError("deep bug")

    with pytest.raises(TypeError, match="deep bug"):
        lookup("map").fn(broken, of(1))


def test_parse_params() -> None:
    assert parse_params("a [b] [step]") == (("a", "[b]", "[step]"), 1, 3)
    assert parse_params("f ...args lst") == (("f", "...args", "lst"), 2, None)
    assert parse_params("") == ((), 0, 0)
    assert parse_params(["x"]) == (("x",), 1, 1)


def test_signature_and_constants() -> None:
    assert lookup("range").signature == "(range a [b] [step])"
    assert lookup("pi").is_constant and lookup("pi").value == pytest.approx(3.14159265)
    assert run("pi") == "3.141592653589793"


def test_duplicate_registration_is_refused() -> None:
    from claudelang.runtime.registry import register

    with pytest.raises(ClError, match="registered twice"):
        register("head", "x", lambda x: x, doc="Dup.", example="(head 1) ⇒ 1", family="test")


def test_unknown_name() -> None:
    assert lookup("no-such-builtin") is None


FIRST_READ_ON_THREADS = """
import threading
from claudelang.runtime import registry
barrier = threading.Barrier(4)
sizes = []
def read():
    barrier.wait()
    sizes.append(len(registry.builtins()))
threads = [threading.Thread(target=read) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(sizes))
"""


def test_first_read_of_the_table_on_several_threads_sees_it_complete() -> None:
    """The standard library registers on the first read; a thread reading while another
    imports it waits instead of seeing part of the table (each run is a fresh process)."""
    for _ in range(5):  # the race it guards against shows in about half the runs
        child = subprocess.run([sys.executable, "-c", FIRST_READ_ON_THREADS], capture_output=True, text=True)
        assert child.returncode == 0, child.stderr
        assert json.loads(child.stdout) == [len(BUILTINS)] * 4
