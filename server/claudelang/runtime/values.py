"""The runtime value classes that Python has no ready-made type for.

The value model (the compiler relies on it):

| ClaudeLang | Python |
|---|---|
| int, float, bool, nil, string | `int`, `float`, `bool`, `None`, `str` |
| keyword `:a` | `Keyword` (interned: `Keyword("a") is Keyword("a")`) |
| quoted symbol | `Symbol` (interned) |
| list `[1 2]` | `List` (persistent, in `plist.py`) |
| `(tuple 1 "x")` | `Tuple` — never a Python tuple |
| map, set | `Map`, `Set` (in `containers.py`) |
| ADT value `(Some 1)` | `AdtValue`, built by a `Constructor` |
| function | any Python callable |
| state cell | `StateCell` |
| error | `ClError` (in `errors.py`) |
| datetime | `datetime.datetime` (naive, local time) |

Only `False` and `None` are false (`truthy`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from claudelang.runtime.equality import key_of, values_equal
from claudelang.runtime.errors import ClError, arity_message


def truthy(value: object) -> bool:
    """ClaudeLang truth: everything except #f and nil (0, "" and [] are true)."""
    return value is not False and value is not None


class _Interned:
    """A name-only value created once per name (per subclass); compares by identity."""

    __slots__ = ("name",)
    _table: ClassVar[dict[str, Any]]
    name: str

    def __init_subclass__(cls) -> None:
        cls._table = {}

    def __new__(cls, name: str) -> Any:
        found = cls._table.get(name)
        if found is None:
            candidate = object.__new__(cls)
            candidate.name = name
            found = cls._table.setdefault(name, candidate)  # atomic: one winner per name
        return found

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (type(self), (self.name,))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Keyword(_Interned):
    """A keyword such as `:name`; `name` holds the text without the colon."""

    __slots__ = ()

    def __str__(self) -> str:
        return ":" + self.name


class Symbol(_Interned):
    """A symbol value produced by `quote`; prints as its bare name."""

    __slots__ = ()

    def __str__(self) -> str:
        return self.name


class Tuple:
    """The language's `tuple` value: a fixed group of values, printed `(tuple 1 "x")`."""

    __slots__ = ("items",)

    def __init__(self, *items: object) -> None:
        self.items: tuple[object, ...] = items

    @classmethod
    def from_iterable(cls, items: Iterable[object]) -> Tuple:
        return cls(*items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)

    def __getitem__(self, index: int) -> object:
        return self.items[index]

    def __eq__(self, other: object) -> bool:
        return type(other) is Tuple and values_equal(self.items, other.items)

    def __hash__(self) -> int:
        return hash((Tuple, key_of(self.items)))

    def __repr__(self) -> str:
        return f"Tuple{self.items!r}"


class Constructor:
    """An ADT constructor such as `Some`: callable, checks its field count.

    A nullary constructor's single value is created once (`value`); calling the
    constructor returns that same object.
    """

    def __init__(self, name: str, arity: int, type_name: str, field_types: Iterable[object] = ()) -> None:
        self.name = name
        self.arity = arity
        self.type_name = type_name
        self.field_types = tuple(field_types)
        self.__name__ = name
        self.value: AdtValue | None = AdtValue(self, ()) if arity == 0 else None

    def __call__(self, *fields: object) -> AdtValue:
        if len(fields) != self.arity:
            raise ClError("arity", arity_message(self.name, self.arity, self.arity, len(fields)))
        if self.value is not None:
            return self.value
        return AdtValue(self, fields)

    def __repr__(self) -> str:
        return f"Constructor({self.name!r}, {self.arity}, {self.type_name!r})"


class AdtValue:
    """A value built by a `Constructor`: `(Some 42)`; a nullary one prints as `None`."""

    __slots__ = ("ctor", "fields")

    def __init__(self, ctor: Constructor, fields: tuple[object, ...]) -> None:
        self.ctor = ctor
        self.fields = fields

    @property
    def name(self) -> str:
        return self.ctor.name

    @property
    def type_name(self) -> str:
        return self.ctor.type_name

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is AdtValue
            and self.ctor.name == other.ctor.name
            and self.ctor.type_name == other.ctor.type_name
            and values_equal(self.fields, other.fields)
        )

    def __hash__(self) -> int:
        return hash((self.ctor.name, key_of(self.fields)))

    def __repr__(self) -> str:
        return f"AdtValue({self.ctor.name!r}, {self.fields!r})"


def match_constructor(value: object, name: str, arity: int) -> tuple[object, ...] | None:
    """The fields if `value` matches constructor pattern `(name f1 ... f_arity)`, else None.

    Matches an `AdtValue` of that constructor, and also a `Tuple` whose first item is the
    constructor's name as a string: `(tuple "Some" 3)` matches `(Some v)` (LANGUAGE.md §3).
    """
    if isinstance(value, AdtValue):
        if value.ctor.name == name and len(value.fields) == arity:
            return value.fields
        return None
    if isinstance(value, Tuple):
        items = value.items
        if items and items[0] == name and type(items[0]) is str and len(items) == arity + 1:
            return items[1:]
    return None


class StateCell:
    """A mutable cell made by `state:new`; compares by identity."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"StateCell({self.value!r})"
