#!/bin/sh
# `make test`: every suite that CI runs, in order, then one closing line
# counting the suites: "all: N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

passed=0
failed=0
run_suite() {
	echo "== $1"
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "SUITE FAILED: $*"
	fi
}

run_suite "unit tests" make --no-print-directory unit
run_suite "message catalogue" python3 tests/unit/check-messages.py
run_suite "unit tests under ASan and UBSan" make --no-print-directory unit-san
run_suite "generator" tests/e2e/generator.sh
run_suite "end to end over HTTP" tests/e2e/run.sh
run_suite "browser at phone size" tests/browser/run.sh
run_suite "fuzz targets replay their seeds" tests/fuzz/run.sh 0

echo "all: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
