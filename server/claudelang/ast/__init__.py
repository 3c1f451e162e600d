"""The typed ClaudeLang AST: node classes and source spans, with no dependencies.

Every later stage (analysis, compiler, language server) consumes these classes; only the
`syntax` package creates them.
"""

from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.nodes import *  # noqa: F403
from claudelang.ast.nodes import __all__ as _nodes_all
from claudelang.ast.span import Anchor, LineIndex, Position, Span

__all__ = ["Anchor", "Diagnostic", "Severity", "LineIndex", "Position", "Span", *_nodes_all]
