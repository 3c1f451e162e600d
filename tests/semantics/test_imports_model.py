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


def test_a_name_imported_from_a_builtin_group_is_the_builtin() -> None:
    from claudelang.analysis.builtin_modules import builtin_module
    from claudelang.runtime.registry import Builtin

    main = analyze(parse('(import "math" (sqrt [sin as s]))\n(io:print (sqrt 4) (s 1) (sqrt 1 2))\n'), builtin_module)
    _definition, _reference, target = main.occurrence_at(main.module.text.index("s 1"))
    assert isinstance(target, Builtin) and target.name == "sin"
    assert [str(d) for d in main.diagnostics] == ["2:26: error: 'sqrt' expects 1 argument, got 2"]
