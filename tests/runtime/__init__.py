"""Unit tests for `claudelang.runtime`."""
