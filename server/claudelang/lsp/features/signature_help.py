"""Signature help: the signature of the innermost call around the cursor, with the active
parameter."""

from __future__ import annotations

from lsprotocol import types as lsp

from claudelang.analysis import Definition
from claudelang.ast import nodes as a
from claudelang.ast.walk import path_to
from claudelang.lsp.convert import from_lsp_position
from claudelang.lsp.server import ClaudeLangServer
from claudelang.runtime.registry import Builtin


def setup(server: ClaudeLangServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_SIGNATURE_HELP, lsp.SignatureHelpOptions(trigger_characters=[" ", "("]))
    def signature_help(params: lsp.SignatureHelpParams) -> lsp.SignatureHelp | None:
        doc = server.document(params.text_document.uri)
        if doc is None:
            return None
        analysis = server.analysis(doc)
        offset = from_lsp_position(doc.module.lines, params.position)
        facts = analysis.facts_at(offset)
        if facts is None:
            return None
        calls = [n for n in path_to(facts.form, offset) if isinstance(n, a.Call) and isinstance(n.callee, a.Name)]
        for call in reversed(calls):
            if call.callee.span.end_byte >= offset:
                continue  # still typing the function name
            reference = next((r for r in facts.references if r.node is call.callee), None)
            target = analysis.target_of(reference) if reference else None
            signature = signature_of(target)
            if signature is None:
                continue
            name, params_ = signature
            label, ranges = signature_label(name, params_)
            active = sum(1 for arg in call.args if arg.span.end_byte < offset)
            if params_ and params_[-1].startswith("..."):
                active = min(active, len(params_) - 1)
            return lsp.SignatureHelp(
                signatures=[
                    lsp.SignatureInformation(
                        label=label,
                        parameters=[lsp.ParameterInformation(label=r) for r in ranges],
                    )
                ],
                active_signature=0,
                active_parameter=active,
            )
        return None


def signature_of(target: object) -> tuple[str, list[str]] | None:
    """(function name, parameter labels) of a callable target."""
    if isinstance(target, Builtin) and not target.is_constant:
        return target.name, list(target.params)
    if isinstance(target, Definition) and target.lambda_node is not None:
        fn = target.lambda_node
        params = [p.name for p in fn.params] + ([f"...{fn.rest.name}"] if fn.rest else [])
        return target.name, params
    return None


def signature_label(name: str, params: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """`(name p1 p2)` and the [start, end) offsets of each parameter in it."""
    label = "(" + name
    ranges = []
    for param in params:
        label += " "
        ranges.append((len(label), len(label) + len(param)))
        label += param
    return label + ")", ranges
