"""Build the C extensions (the grammar, the list's inner loop); all other metadata lives in
pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            name="claudelang.syntax._grammar",
            sources=["grammar/src/parser.c", "grammar/bindings/python/binding.c"],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11", "-O2"],
        ),
        Extension(
            name="claudelang.runtime._plist",
            sources=["server/claudelang/runtime/_plist.c"],
            extra_compile_args=["-std=c11", "-O2"],
        ),
    ],
)
