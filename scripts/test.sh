#!/usr/bin/env bash
# Install ClaudeLang with its test dependencies and run every check: grammar freshness and
# corpus, lint, and the full pytest suite. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet -e '.[test]'
bash grammar/scripts/check-generated.sh
python3 -m ruff check server tests benchmarks
python3 -m ruff format --check server tests benchmarks
# Real-editor tests (tests/editors) skip when an editor is missing; in CI, install Neovim, Emacs,
# code-server and Chromium first and make a missing editor a failure (see scripts/editor-tests.sh).
if [[ "${CI:-}" == "true" ]]; then
  bash scripts/editor-tests.sh --install-only
  export CLAUDELANG_REQUIRE_EDITORS=1
fi
python3 -m pytest -q -p no:cacheprovider
