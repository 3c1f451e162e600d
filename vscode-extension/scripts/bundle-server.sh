#!/usr/bin/env bash
# Bundle the language server into the linux-x64 .vsix (`npm run package` runs this first):
# the repository's own wheel and its dependencies, installed with `pip install --target` into
# bundled/libs for CPython 3.11 on x86-64 Linux with glibc 2.28 or newer (manylinux_2_28).
# bundled/bundle.json tells the extension which interpreter the libraries need and which
# claudelang version they hold. The wheel's C extension is built for the interpreter that
# runs this script, so that interpreter must be CPython 3.11 (CLAUDELANG_BUNDLE_PYTHON, else
# python3.11, else python3).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_PYTHON="3.11"
python="${CLAUDELANG_BUNDLE_PYTHON:-$(command -v python3.11 || command -v python3 || true)}"
if [[ -z "$python" ]] || ! "$python" -c "import sys; sys.exit(sys.implementation.name != 'cpython' or '%d.%d' % sys.version_info[:2] != '$TARGET_PYTHON')"; then
  echo "bundle-server: needs CPython $TARGET_PYTHON to build the bundled server (found: ${python:-none});" \
    "set CLAUDELANG_BUNDLE_PYTHON to a Python $TARGET_PYTHON interpreter" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The wheel is built from a copy of the sources: setuptools' in-tree build/ folder keeps modules
# that were since moved or deleted, and the editable install's compiled grammar sits in server/.
mkdir "$work/src"
(cd .. && tar --exclude=__pycache__ --exclude='*.egg-info' --exclude='*.so' -cf - \
  pyproject.toml setup.py MANIFEST.in README.md server grammar) | tar -xf - -C "$work/src"
rm -rf bundled
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/wheels" "$work/src"
"$python" -m pip install --quiet --no-compile --target bundled/libs \
  --implementation cp --python-version "$TARGET_PYTHON" --abi "cp${TARGET_PYTHON/./}" \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 --platform manylinux2014_x86_64 \
  --platform linux_x86_64 --only-binary=:all: "$work"/wheels/claudelang-*.whl
rm -rf bundled/libs/bin # console scripts whose first line names this machine's interpreter
version="$("$python" -c "import sys; sys.path.insert(0, 'bundled/libs'); from importlib.metadata import version; print(version('claudelang'))")"
printf '{"python": "%s", "implementation": "cpython", "platform": "linux-x64", "claudelang": "%s"}\n' \
  "$TARGET_PYTHON" "$version" > bundled/bundle.json
echo "bundle-server: claudelang $version for CPython $TARGET_PYTHON in bundled/libs ($(du -sh bundled/libs | cut -f1))"
