"""Open documents and their analysis, keyed by URI and version.

`OpenDocument` owns the incremental `Document` and computes the `DocumentAnalysis` of the
current version lazily, at most once per version; stale work is recognisable because every
result carries the version it was computed for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pygls.uris import to_fs_path

from claudelang.analysis import Analyzer, DocumentAnalysis, ModuleResolver, no_modules
from claudelang.syntax import Document, Module, TextEdit


@dataclass(eq=False)
class OpenDocument:
    uri: str
    version: int
    document: Document
    analyzer: Analyzer = field(default_factory=Analyzer)
    _analysis: DocumentAnalysis | None = None
    _analysis_version: int | None = None

    @property
    def module(self) -> Module:
        return self.document.module

    @property
    def path(self) -> str | None:
        return to_fs_path(self.uri)

    def apply(self, edits: list[TextEdit], version: int) -> None:
        self.document.apply_edits(edits, version)
        self.version = version

    def replace(self, text: str, version: int) -> None:
        self.document.replace(text, version)
        self.version = version

    def analysis(self, resolver: ModuleResolver = no_modules) -> DocumentAnalysis:
        if self._analysis is None or self._analysis_version != self.version:
            self._analysis = self.analyzer.analyze(self.module, resolver)
            self._analysis_version = self.version
        return self._analysis

    def invalidate(self) -> None:
        """Forget the analysis (another file this one imports changed)."""
        self._analysis = None
