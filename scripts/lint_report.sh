#!/usr/bin/env bash
# How big the lint/type fix-up is: findings by rule, files ruff format would
# change, mypy errors by code and by file. Reports only: it changes no file.
#   scripts/lint_report.sh            (after `make setup-dev`)
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

echo "== ruff check: findings by rule"
$BIN/ruff check --statistics --no-cache --output-format concise 2>&1 | sed 's/^/  /'
echo
echo "  [*] = ruff check --fix repairs it; 'unsafe' ones: ruff check --fix --unsafe-fixes --diff to review"
echo
echo "== ruff format: files that would change"
$BIN/ruff format --check --no-cache --output-format concise 2>&1 | grep 'unformatted' | cut -d: -f1 | sed 's/^/  /'
$BIN/ruff format --check --no-cache 2>&1 | tail -1 | sed 's/^/  /'
echo "  lines the reformat would touch: $($BIN/ruff format --diff --no-cache 2>/dev/null | grep -c '^[-+][^-+]')"
echo
echo "== mypy (strict core: workbook/, content/, pdf/; normal: views/, app.py)"
out=$($BIN/mypy 2>&1)
echo "  by error code:"
grep -E ': error: ' <<<"$out" | sed -E 's/.*\[([a-z-]+)\]$/\1/' | sort | uniq -c | sort -rn | sed 's/^/    /'
echo "  by file:"
grep -E ': error: ' <<<"$out" | cut -d: -f1 | sort | uniq -c | sort -rn | sed 's/^/    /'
tail -1 <<<"$out" | sed 's/^/  /'
