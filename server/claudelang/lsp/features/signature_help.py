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
        calls = [called for called in map(callee_and_args, path_to(facts.form, offset)) if called is not None]
        for callee, args in reversed(calls):
            if callee.span.end_byte >= offset:
                continue  # still typing the function name
            reference = next((r for r in facts.references if r.node is callee), None)
            target = analysis.target_of(reference) if reference else None
            signature = signature_of(target)
            if signature is None:
                continue
            name, params_ = signature
            label, ranges = signature_label(name, params_)
            active = sum(1 for arg in args if arg.span.end_byte < offset)
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


def callee_and_args(node: a.Node) -> tuple[a.Name, list[a.Expr]] | None:
    """The named function a node calls and its arguments: a call, or an effect (whatever its
    spelling, LANGUAGE.md §10, it is the call of its operation)."""
    if isinstance(node, a.Call) and isinstance(node.callee, a.Name):
        return node.callee, node.args
    if isinstance(node, a.Effect) and node.op is not None:
        return node.op, node.args
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
