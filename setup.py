"""Build the grammar's C extension; all other metadata lives in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            name="claudelang.syntax._grammar",
            sources=["grammar/src/parser.c", "grammar/bindings/python/binding.c"],
            include_dirs=["grammar/src"],
            extra_compile_args=["-std=c11", "-O2"],
        )
    ],
)
