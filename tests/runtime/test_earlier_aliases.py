"""The builtin spellings of earlier releases (LANGUAGE.md §10): `println`, `io:print-line`,
`random:randint`, `str`, `str-concat`, `int->string`, `number->string`, `string->int`.
Each is an alias (docs/DECISIONS.md "Aliases"): a function of its own sharing the
original's implementation, whose errors name the spelling the program used."""

from __future__ import annotations

import pytest
from claudelang import ClError, Session
from claudelang.runtime import lookup

ALIASES = {
    "println": "io:print",
    "io:print-line": "io:print",
    "random:randint": "random:int",
    "str-concat": "str",
    "int->string": "to-string",
    "number->string": "to-string",
    "string->int": "string->number",
}


def printed(source: str) -> str:
    session = Session(capture_output=True)
    session.eval(source)
    return session.output()


def error_of(source: str) -> ClError:
    with pytest.raises(ClError) as info:
        Session(capture_output=True).eval(source)
    return info.value


@pytest.mark.parametrize(("alias", "original"), ALIASES.items())
def test_each_is_an_alias_with_the_original_signature_and_effects(alias: str, original: str) -> None:
    entry, target = lookup(alias), lookup(original)
    assert entry is not None and target is not None
    assert entry.alias_of == original
    assert (entry.params, entry.effects) == (target.params, target.effects)


def test_printing_aliases_write_like_io_print_and_handlers_for_io_print_catch_them() -> None:
    assert printed('(println "total:" 3) (io:print-line "done" [1 "a"])') == 'total: 3\ndone [1 "a"]\n'
    source = '(io:print (handler ((io:print (lambda (...xs) (length xs)))) (println "a" "b")))'
    assert printed(source) == "2\n"


def test_randint_draws_as_random_int_does() -> None:
    assert printed("(random:seed 7) (io:print (random:randint 1 100) (random:randint 1 100))") == printed(
        "(random:seed 7) (io:print (random:int 1 100) (random:int 1 100))"
    )


def test_str_concatenates_printed_forms_with_strings_raw() -> None:
    source = (
        '(io:print (str "n=" 5 " " 2.5 " " :k " " [1 "a"] " " nil " " #t) (string-length (str)) (str-concat "a" 1))'
    )
    assert printed(source) == 'n=5 2.5 :k [1 "a"] nil #t 0 a1\n'


def test_number_conversions() -> None:
    source = (
        '(io:print (string-length (int->string 42)) (number->string 2.5) (+ 1 (string->int "41")) (string->int "x"))'
    )
    assert printed(source) == "2 2.5 42 nil\n"


def test_errors_name_the_spelling_the_program_used() -> None:
    assert error_of("(random:randint 5 1)").message == "random:randint: empty range 5..1"
    assert error_of("(string->int 5)").message == "string->int: expected a string, got 5 (int)"
    assert error_of("(int->string)").message == "int->string: expected 1 argument, got 0"
