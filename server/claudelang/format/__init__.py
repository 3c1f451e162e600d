"""The one canonical formatter, shared by `claudelang fmt` and LSP formatting."""

from claudelang.format.formatter import FormatError, format_range, format_source

__all__ = ["FormatError", "format_range", "format_source"]
