#!/usr/bin/env bash
# CI check: is the committed generated parser up to date with grammar.js?
#
# Regenerates the parser into a temporary copy of grammar/ with the tree-sitter CLI and fails
# when grammar/src/parser.c, grammar/src/grammar.json or grammar/src/node-types.json differ from
# the regenerated files; then runs `tree-sitter test` (corpus, query and highlight tests) in that
# copy. The working tree is never modified.
#
# Environment:
#   TREE_SITTER  the CLI to use (a path or a command on PATH); default:
#                <repo root>/../shared/tools/tree-sitter
#
# Exit status: 0 when everything matches and the tests pass, or when the CLI is not available
# (a notice is printed); 1 when a generated file is stale, generation fails or a test fails.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
grammar_dir="$(cd "$script_dir/.." && pwd)"
repo_root="$(cd "$grammar_dir/.." && pwd)"

cli="${TREE_SITTER:-$repo_root/../shared/tools/tree-sitter}"
if [[ "$cli" != */* ]]; then
  # a bare command name: look it up on PATH
  cli="$(command -v "$cli" || true)"
fi
if [[ -z "$cli" || ! -x "$cli" ]]; then
  echo "check-generated: tree-sitter CLI not found" \
       "(${TREE_SITTER:-$repo_root/../shared/tools/tree-sitter});" \
       "skipping the generated-parser check. To run it, install the CLI" \
       "(npm install -g tree-sitter-cli, or cargo install tree-sitter-cli) and set TREE_SITTER."
  exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/check-generated.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# Copy the grammar folder (sources, committed output, queries, tests), without build output.
copy="$tmp/grammar"
mkdir -p "$copy"
(cd "$grammar_dir" && tar -cf - --exclude=./node_modules --exclude=./build --exclude='./*.so' \
  --exclude=./target .) | (cd "$copy" && tar -xf -)

echo "check-generated: regenerating the parser with $cli"
if ! (cd "$copy" && "$cli" generate --no-bindings) >"$tmp/generate.log" 2>&1; then
  cat "$tmp/generate.log" >&2
  echo "check-generated: FAILED: \`tree-sitter generate --no-bindings\` failed" \
       "on grammar/grammar.js" >&2
  exit 1
fi

stale=()
for file in src/parser.c src/grammar.json src/node-types.json; do
  if [[ ! -f "$grammar_dir/$file" ]]; then
    echo "check-generated: grammar/$file is missing" >&2
    stale+=("$file")
  elif ! cmp -s "$grammar_dir/$file" "$copy/$file"; then
    echo "check-generated: grammar/$file differs from the regenerated file:" >&2
    diff -u "$grammar_dir/$file" "$copy/$file" \
      --label "committed grammar/$file" --label "regenerated grammar/$file" | head -n 40 >&2 || true
    stale+=("$file")
  fi
done

status=0
if ((${#stale[@]})); then
  echo "check-generated: FAILED: ${stale[*]/#/grammar/} out of date with grammar/grammar.js." >&2
  echo "  Fix: (cd grammar && tree-sitter generate --no-bindings), then commit grammar/src/." >&2
  status=1
else
  echo "check-generated: grammar/src is up to date."
fi

echo "check-generated: running tree-sitter test"
if ! (cd "$copy" && "$cli" test); then
  echo "check-generated: FAILED: \`tree-sitter test\` failed" \
       "(corpus, query or highlight tests)." >&2
  status=1
fi

exit "$status"
