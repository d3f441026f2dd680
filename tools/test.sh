#!/usr/bin/env bash
# The test command: sync checks, then every notebook with nbdev_test.
#   TEST_FLAGS  extra nbdev test flags to run (space separated; e.g. "realdata" where ../shared/data exists)
# Closes with one line "N passed, N failed" counting the notebooks run.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export PATH="$PWD/$VENV/bin:$PATH"
TEST_FLAGS=${TEST_FLAGS:-}
# nbdev_test runs one notebook per core; one torch thread each keeps the cores from being
# oversubscribed (OpenMP threads spin-waiting on a busy core slow torch down 10-100x).
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
export MPLBACKEND=${MPLBACKEND:-Agg}
# a fresh cache per run: the tests exercise the rendering, not a cache left by an earlier run
export NEURAL_FACE_CACHE=${NEURAL_FACE_CACHE:-$(mktemp -d)}
status=0

snapshot() { git status --porcelain=v1 -uall -- neural_face nbs README.md; git diff -- neural_face nbs README.md | sha256sum; }

echo "== sync: nbdev_export and nbdev_clean leave no diff =="
if git rev-parse --git-dir >/dev/null 2>&1; then
  before=$(snapshot)
  nbdev_export && nbdev_clean
  after=$(snapshot)
  if [ "$before" != "$after" ]; then
    echo "FAIL: nbdev_export / nbdev_clean changed files: export and clean the notebooks, then commit" >&2
    diff <(echo "$before") <(echo "$after") >&2 || true
    git --no-pager diff --stat -- neural_face nbs >&2
    status=1
  else echo "ok"; fi
else
  echo "skipped: not a git checkout"
fi

echo "== exported modules use no name defined only in a notebook session =="
# a notebook cell can lean on an import made in a non-exported cell; the module then fails for users
undefined=$(python -m pyflakes neural_face/*.py 2>&1 | grep "undefined name" || true)
if [ -n "$undefined" ]; then echo "FAIL:" >&2; echo "$undefined" >&2; status=1; else echo "ok"; fi

echo "== sync: README.md is nbs/index.ipynb =="
if python tools/readme.py --check; then echo "ok"; else status=1; fi

echo "== nbdev_test --timing ${TEST_FLAGS:+--flags \"$TEST_FLAGS\"} =="
log=$(mktemp)
start=$(date +%s)
nbdev_test --timing --do_print --flags "$TEST_FLAGS" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
completed=$(grep -c '^- Completed ' "$log" || true)
failed=$(awk '/nbdev Tests Failed On The Following Notebooks/{f=1; next} f && /\.ipynb/{n++} END{print n+0}' "$log")
passed=$((completed - failed))
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # nbdev_test crashed before listing
[ "$rc" -ne 0 ] && status=1
echo "notebooks took $(( $(date +%s) - start )) s"
rm -f "$log"
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && echo "(sync checks failed)"
echo "$passed passed, $failed failed"
exit $status
