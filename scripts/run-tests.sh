#!/bin/sh
# Runs test binaries one after another and prints one closing line:
# "SUITE: N passed, N failed" counting binaries, after each binary's own lines.
set -u
suite=$1
shift
passed=0
failed=0
for t in "$@"; do
	if "$t"; then
		passed=$((passed + 1))
	else
		echo "FAILED: $t"
		failed=$((failed + 1))
	fi
done
echo "$suite: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
