#!/usr/bin/env bash
# Install ClaudeLang with its test dependencies and run every check: grammar freshness and
# corpus, lint, and the full pytest suite. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet -e '.[test]'
bash grammar/scripts/check-generated.sh
python3 -m ruff check server tests benchmarks
python3 -m pytest -q -p no:cacheprovider
