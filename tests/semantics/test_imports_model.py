"""Names a `*` import brings in lead to the exported definitions (hover, definition)."""

from __future__ import annotations

from claudelang.analysis import ModuleInfo, analyze
from claudelang.analysis.workspace import module_exports
from claudelang.syntax import parse


def test_a_star_import_follows_to_the_exported_definition() -> None:
    library = analyze(parse("(module m (export sq) (define (sq x) (* x x)))\n"))
    _name, exports = module_exports(library)
    main = analyze(parse('(import "m" *)\n(io:print (sq 5))\n'), lambda _path: ModuleInfo("m.cl", exports))
    offset = main.module.text.index("sq 5")
    _definition, _reference, target = main.occurrence_at(offset)
    assert target is not None and main.follow_import(target) is exports["sq"]
