"""`catch` has one shape, `(catch (err) body ...)` (LANGUAGE.md 1.1 §3); any other is a
syntax error at the clause, never a silent binding of the kind's name."""

from __future__ import annotations

import pytest
from claudelang import parse
from claudelang.ast import nodes as a

MALFORMED = "malformed 'catch': expected (catch (err) body ...)"


@pytest.mark.parametrize(
    "clause",
    [
        "(catch ContractViolation e (g e))",
        "(catch e (g e))",
        "(catch)",
        "(catch (a b) 1)",
        "(catch [e] 1)",
        "(catch (1) 1)",
    ],
)
def test_other_catch_shapes_are_syntax_errors_at_the_clause(clause: str) -> None:
    source = f"(try (f)\n  {clause})"
    module = parse(source)
    [diagnostic] = module.diagnostics
    assert diagnostic.message == MALFORMED
    assert (diagnostic.span.start_byte, diagnostic.span.end_byte) == (11, 11 + len(clause))
    assert str(diagnostic.span.start) == "2:3"
    (form,) = module.forms
    assert isinstance(form, a.Try) and form.catch_var is None and form.catch_body is None


def test_the_catch_shape_binds_the_error_even_out_of_place() -> None:
    module = parse("(try (f) (catch (err) (g err)) (finally (h)))")
    assert not module.diagnostics
    assert module.forms[0].catch_var.name == "err" and len(module.forms[0].catch_body) == 1
    module = parse("(try (catch (err) err) (f))")
    assert [d.message for d in module.diagnostics] == ["'catch' must come after the body of 'try'"]
    (form,) = module.forms
    assert form.catch_var.name == "err" and len(form.body) == 1
