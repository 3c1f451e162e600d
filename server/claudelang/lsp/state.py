"""Open documents and their analysis, keyed by URI and version.

`OpenDocument` owns the incremental `Document` and computes the `DocumentAnalysis` of the
current snapshot lazily, at most once per snapshot. A snapshot is named by `revision`, a
counter that every edit and every settling (`Document.settle`: the fresh parse made when
typing pauses) advances; stale work is recognisable because it remembers the revision it
started from.

A document over the size limit is a `LargeDocument` instead (syntax-level features only,
parsed in slices by `sync`); an edit or a new limit that moves it across the limit changes
its kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pygls.uris import to_fs_path

from claudelang.analysis import Analyzer, DocumentAnalysis, ModuleResolver, no_modules
from claudelang.analysis.document import analyze_facts
from claudelang.analysis.highlight import Answer, Highlighter
from claudelang.ast.diagnostic import Diagnostic, Severity
from claudelang.ast.span import Anchor, Position
from claudelang.lsp.convert import DiagnosticsJson, move_of
from claudelang.syntax import Document, Module, TextEdit
from claudelang.syntax.large import LargeDocument, document_for

SEMANTIC_LIMIT = 4_000_000  # bytes, by default; larger documents get syntax-level features only


def syntax_only(module: Module, limit: int) -> DocumentAnalysis:
    """An empty analysis with one notice, for documents too large to analyse per keystroke."""
    result = analyze_facts(module, [], no_modules)
    anchor = Anchor(b"", 0, Position(0, 0, 0))
    notice = f"semantic analysis is off for documents over {limit:,} bytes (setting maxFileBytes)"
    result.diagnostics.append(Diagnostic(0, 0, anchor, notice, Severity.INFORMATION, "too-large"))
    return result


@dataclass(eq=False)
class OpenDocument:
    uri: str
    version: int
    document: Document | LargeDocument
    limit: int = SEMANTIC_LIMIT  # bytes: over it, the document is a `LargeDocument`
    analyzer: Analyzer = field(default_factory=Analyzer)
    highlighter: Highlighter = field(default_factory=Highlighter)  # semantic tokens, per unit
    semantic_tokens: tuple[str, Answer] | None = None  # the last answer: (result id, answer)
    diagnostics_json: DiagnosticsJson = field(default_factory=DiagnosticsJson)  # converted, per diagnostic
    revision: int = 0  # advanced by every change of `module`
    resolver: ModuleResolver | None = None  # its imports' resolver, made by the server on first analysis
    _analysis: DocumentAnalysis | None = None
    _analysis_revision: int | None = None

    @property
    def module(self) -> Module:
        return self.document.module

    @property
    def path(self) -> str | None:
        return to_fs_path(self.uri)

    @property
    def large(self) -> bool:
        """Over the size limit: syntax-level features only."""
        return isinstance(self.document, LargeDocument)

    def apply(self, edits: list[TextEdit], version: int) -> None:
        """Apply a keystroke's edits: incremental work only (see `settle`)."""
        before = self.module.lines
        self.document.apply_edits(edits, version, settle=False)
        after = self.module.lines
        edit = edits[0] if len(edits) == 1 else None  # several: each range is in the text the last made
        self.diagnostics_json.edited(None if edit is None else move_of(before, after, edit.start, edit.end), after.data)
        self.version = version
        self.revision += 1
        self.fit()

    def replace(self, text: str, version: int) -> None:
        self.document.replace(text, version)
        self.diagnostics_json.edited(None, self.module.data)
        self.version = version
        self.revision += 1
        self.fit()

    def fit(self, limit: int | None = None) -> bool:
        """Make the document's kind follow its size and the limit (changed to `limit`, if
        given); True if it changed kind."""
        if limit is not None:
            self.limit = limit
        if (len(self.module.data) > self.limit) == self.large:
            return False
        self.document = document_for(self.module.text, self.version, self.limit)
        self.revision += 1
        return True

    @property
    def unsettled(self) -> bool:
        return self.document.unsettled

    def settle(self) -> bool:
        """Make the module equal a fresh parse (whole-file work, for when typing pauses);
        True if that changed it."""
        changed = self.document.settle()
        if changed:
            self.revision += 1
        return changed

    def analysis(self, make_resolver: Callable[[], ModuleResolver] = lambda: no_modules) -> DocumentAnalysis:
        """The current snapshot's analysis; `make_resolver` is called only to make one."""
        if self._analysis is None or self._analysis_revision != self.revision:
            if self.large:
                self._analysis = syntax_only(self.module, self.limit)
            else:
                self._analysis = self.analyzer.analyze(self.module, make_resolver())
            self._analysis_revision = self.revision
        return self._analysis

    def invalidate(self) -> None:
        """Forget the analysis (another file this one imports changed)."""
        self._analysis = None
