# assert.sh - shell test helpers; source it, call the checks, end with summary SUITE.
passed=0
failed=0

ok() {
	passed=$((passed + 1))
}

fail() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
}

# check DESCRIPTION COMMAND...: passes when the command exits 0.
check() {
	description=$1
	shift
	if "$@" >/dev/null 2>&1; then ok; else fail "$description"; fi
}

# check_contains DESCRIPTION FILE TEXT: passes when FILE contains TEXT.
check_contains() {
	if grep -qF -- "$3" "$2"; then ok; else fail "$1: \"$3\" not found in $2"; fi
}

# check_absent DESCRIPTION FILE_OR_DIR TEXT: passes when nothing contains TEXT.
check_absent() {
	if grep -rqF -- "$3" "$2"; then fail "$1: \"$3\" found in $2"; else ok; fi
}

# check_equal DESCRIPTION GOT WANT
check_equal() {
	if [ "$2" = "$3" ]; then ok; else fail "$1: got \"$2\", want \"$3\""; fi
}

summary() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
