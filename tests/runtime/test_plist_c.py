"""The C `tail` and `cons` (runtime/_plist.c) against a plain Python model, and on bad input.

They write the slots of the Python class `plist.List` directly, so besides agreeing with
the model on every sequence of operations, they must refuse anything that is not a
filled-in `List` with a TypeError rather than read memory that is not one.
"""

from __future__ import annotations

import pytest
from claudelang.runtime import _plist, plist
from hypothesis import given, settings
from hypothesis import strategies as st

# (operation, argument): cons an item onto version k, or take the tail of version k
OPERATIONS = st.lists(st.tuples(st.sampled_from(["cons", "tail"]), st.integers(0, 50), st.integers(-5, 5)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(start=st.lists(st.integers(), max_size=8), operations=OPERATIONS)
def test_every_version_keeps_its_elements(start: list[int], operations: list[tuple[str, int, int]]) -> None:
    versions = [plist.from_iterable(start)]
    models = [list(start)]
    for name, which, item in operations:
        index = which % len(versions)
        lst, model = versions[index], models[index]
        if name == "cons":
            versions.append(plist.cons(item, lst))
            models.append([item, *model])
        elif model:
            versions.append(plist.tail(lst))
            models.append(model[1:])
    for lst, model in zip(versions, models, strict=True):
        assert list(lst) == model and len(lst) == len(model)
        assert [lst[i] for i in range(len(model))] == model


@pytest.mark.parametrize("value", [None, 5, (1, 2), [1, 2], "ab", plist.List()])
def test_anything_but_a_filled_list_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        _plist.tail(value)
    with pytest.raises(TypeError):
        _plist.cons(1, value)


def test_cons_takes_two_arguments() -> None:
    with pytest.raises(TypeError):
        _plist.cons(1)  # type: ignore[call-arg]
