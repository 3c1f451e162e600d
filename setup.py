"""Build the C extensions (the grammar, the lowering of plain forms, the inner loops of lists and
maps); all other metadata lives in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            name="claudelang.syntax._grammar",
            sources=["grammar/src/parser.c", "grammar/bindings/python/binding.c"],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11", "-O2"],
        ),
        # Reads py-tree-sitter's trees with a copy of the same runtime (grammar/runtime/README.md);
        # hidden symbols, so that copy never meets py-tree-sitter's.
        Extension(
            name="claudelang.syntax._lower",
            sources=["server/claudelang/syntax/_lower.c", "grammar/runtime/src/lib.c"],
            include_dirs=["grammar/runtime/include", "grammar/runtime/src", "server/claudelang"],
            define_macros=[("_DEFAULT_SOURCE", None), ("TREE_SITTER_HIDE_SYMBOLS", None)],
            extra_compile_args=["-std=c11", "-fvisibility=hidden"],  # Python's -O3, as py-tree-sitter's copy
        ),
        Extension(
            name="claudelang.runtime._plist",
            sources=["server/claudelang/runtime/_plist.c"],
            include_dirs=["server/claudelang"],
            extra_compile_args=["-std=c11", "-O2"],
        ),
        Extension(
            name="claudelang.runtime._pmap",
            sources=["server/claudelang/runtime/_pmap.c"],
            include_dirs=["server/claudelang"],
            extra_compile_args=["-std=c11", "-O2"],
        ),
    ],
)
