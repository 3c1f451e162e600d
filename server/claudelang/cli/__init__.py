"""The `claudelang` command line: run, check, repl, dis (and fmt once the formatter exists)."""
