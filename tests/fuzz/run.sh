#!/bin/sh
# Builds the libFuzzer targets with clang and runs each for SECONDS seconds
# (default 60) from its seed corpus; SECONDS=0 only replays the seeds.
# usage: run.sh [SECONDS]
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
out=$root/build/fuzz
mkdir -p "$out"
cd "$root"

pkgs="libcmark-gfm libgit2 sqlite3 libqrencode libpng libsodium yaml-0.1 libutf8proc freetype2 jansson"
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined -Ilib -Icerts -Igenerator"
sources="$(ls lib/*.c certs/*.c generator/*.c | grep -v generator/main.c)"

passed=0
failed=0
for target in tests/fuzz/fuzz_*.c; do
	name=$(basename "$target" .c)
	seeds=tests/fuzz/seeds/${name#fuzz_}
	corpus=$out/$name-corpus
	mkdir -p "$corpus" "$seeds"
	log=$out/$name.log
	# shellcheck disable=SC2086
	if ! clang $flags $(pkg-config --cflags $pkgs) "$target" $sources \
		$(pkg-config --libs $pkgs) -lcmark-gfm-extensions -o "$out/$name"; then
		failed=$((failed + 1))
		continue
	fi
	if [ "$seconds" -eq 0 ]; then
		"$out/$name" -runs=0 "$seeds" > "$log" 2>&1
	else
		echo "== $name: fuzzing for $seconds s, log in $log"
		"$out/$name" -max_total_time="$seconds" -max_len=65536 \
			-artifact_prefix="$out/$name-" "$corpus" "$seeds" > "$log" 2>&1
	fi
	if [ $? -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		tail -n 40 "$log"
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
