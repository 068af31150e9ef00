#!/bin/sh
# Times Khoa's generator against Hugo on the same synthetic corpus and prints a Markdown table.
#
# Environment (all optional):
#   BENCH_RUNS=7          timed runs of each tool (median reported)
#   BENCH_COURSES=50      corpus size: courses ...
#   BENCH_LESSONS=20      ... and lessons per course (50 x 20 is the reference)
#   BENCH_TMPDIR=DIR      where the corpus and the sites go (default /dev/shm,
#                         a tmpfs, else $TMPDIR or /tmp); set it to a disk
#                         folder to include the file system's cost
#   BENCH_INSTRUCTIONS=0  skip the instruction counts (perf or callgrind)
#   BENCH_SHARED=DIR      the folder of make-corpus.py and hugo-site/
#   KHOA=PATH             the khoa binary (default build/khoa)
set -eu
# The checks below read the English form of khoa's build summary.
export KHOA_LANG=en

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${BENCH_RUNS:-7}
COURSES=${BENCH_COURSES:-50}
LESSONS=${BENCH_LESSONS:-20}
INSTRUCTIONS=${BENCH_INSTRUCTIONS:-1}
KHOA=${KHOA:-$ROOT/build/khoa}
USER_TMPDIR=${BENCH_TMPDIR:-}
THEME=$ROOT/theme
TIMEOUT=600 # seconds for any one command

die() {
	echo "bench: $*" >&2
	exit 1
}

# Succeeds when $1 is a whole number from 1 to 1000.
is_count() {
	case "$1" in
	'' | *[!0-9]*) return 1 ;;
	esac
	[ "$1" -ge 1 ] && [ "$1" -le 1000 ]
}
is_count "$RUNS" || die "BENCH_RUNS must be a whole number from 1 to 1000"
is_count "$COURSES" || die "BENCH_COURSES must be a whole number from 1 to 1000"
# Lesson files are named bai-NN.md, so two digits at most.
if ! is_count "$LESSONS" || [ "$LESSONS" -gt 99 ]; then
	die "BENCH_LESSONS must be a whole number from 1 to 99"
fi

# make-corpus.py and hugo-site/ are in shared/bench beside the repository,
# else in /work/shared/bench.
if [ -z "${BENCH_SHARED:-}" ]; then
	if [ -f "$ROOT/../shared/bench/make-corpus.py" ]; then
		BENCH_SHARED=$ROOT/../shared/bench
	else
		BENCH_SHARED=/work/shared/bench
	fi
fi
if [ ! -f "$BENCH_SHARED/make-corpus.py" ] || [ ! -d "$BENCH_SHARED/hugo-site" ]; then
	die "make-corpus.py or hugo-site/ not found in $BENCH_SHARED; set BENCH_SHARED to their folder"
fi
[ -x "$KHOA" ] || die "$KHOA is missing: run 'make binaries' first"
KHOA=$(cd "$(dirname "$KHOA")" && pwd)/$(basename "$KHOA")

# Debian packages the benchmark needs: hugo, GNU time (the 'time' package,
# for /usr/bin/time -v), python3 for the corpus, git for Khoa's content.
missing=""
command -v hugo >/dev/null 2>&1 || missing="$missing hugo"
[ -x /usr/bin/time ] || missing="$missing time"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v timeout >/dev/null 2>&1 || missing="$missing coreutils"
if [ -n "$missing" ]; then
	echo "bench: installing the missing Debian packages:$missing" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
/usr/bin/time -v true 2>&1 | grep -q "Maximum resident set size" ||
	die "/usr/bin/time is not GNU time (install the 'time' package)"

# --- temporary folder, removed on every exit ---
if [ -z "${BENCH_TMPDIR:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		BENCH_TMPDIR=/dev/shm
	else
		BENCH_TMPDIR=${TMPDIR:-/tmp}
	fi
fi
T=$(mktemp -d "$BENCH_TMPDIR/khoa-bench.XXXXXX")
cleanup() {
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

HUGO_DIR=$T/hugo
HUGO_OUT=$T/hugo/public
KHOA_TREE=$T/khoa-tree
KHOA_REPO=$T/khoa.git
KHOA_OUT=$T/khoa-site
STATE0=$T/state-fresh
STATE=$T/state
export HUGO_CACHEDIR="$T/hugo-cache"

# --- the corpus, built once ---
timeout "$TIMEOUT" python3 "$BENCH_SHARED/make-corpus.py" "$HUGO_DIR" "$COURSES" "$LESSONS"
MD_FILES=$(find "$HUGO_DIR/content" -name '*.md' | wc -l)
MD_BYTES=$(find "$HUGO_DIR/content" -name '*.md' -exec cat {} + | wc -c)
cp -R "$BENCH_SHARED/hugo-site/." "$HUGO_DIR/"

# Khoa's tree: each _index.md becomes course.md, with category, order and
# status added to its front matter. The lessons are copied byte for byte,
# because Khoa ignores Hugo's weight: and bai-NN.md sorts in lesson order.
mkdir -p "$KHOA_TREE/courses"
cat >"$KHOA_TREE/site.yml" <<'EOF'
title: "Khoa benchmark"
organization: "Synthetic corpus"
language: vi
categories:
  - slug: nen-tang
    title: "Kiến thức nền tảng"
  - slug: ung-dung
    title: "Ứng dụng trong công việc"
  - slug: an-toan
    title: "An toàn và trách nhiệm"
EOF
n=0
for dir in "$HUGO_DIR"/content/courses/*/; do
	slug=$(basename "$dir")
	n=$((n + 1))
	case $((n % 3)) in
	1) category=nen-tang ;;
	2) category=ung-dung ;;
	*) category=an-toan ;;
	esac
	mkdir "$KHOA_TREE/courses/$slug"
	cp "$dir"bai-*.md "$KHOA_TREE/courses/$slug/"
	sed "1a\\
category: $category\\
order: $n\\
status: published" "$dir/_index.md" >"$KHOA_TREE/courses/$slug/course.md"
	# The Markdown after the opening "---" line must be unchanged.
	tail -n +2 "$dir/_index.md" >"$T/orig-body"
	tail -n +5 "$KHOA_TREE/courses/$slug/course.md" | cmp -s - "$T/orig-body" ||
		die "$slug/course.md: the conversion changed the Markdown"
done

# A bare repository with one commit of that tree.
git init -q --bare "$KHOA_REPO"
git --git-dir="$KHOA_REPO" --work-tree="$KHOA_TREE" add -A
git --git-dir="$KHOA_REPO" --work-tree="$KHOA_TREE" -c user.name=bench \
	-c user.email=bench@localhost -c commit.gpgsign=false commit -q -m "benchmark corpus"
rm -rf "$KHOA_TREE" "$T/orig-body"

# Each --state run starts from a copy of this fresh state folder.
timeout "$TIMEOUT" "$KHOA" init --state "$STATE0" >/dev/null 2>&1 ||
	die "khoa init --state $STATE0 failed; run it by hand to see the error"

# --- one timed run ---
# Runs tool $1 once into an empty output folder and appends the line
# "wall_seconds cpu_seconds max_rss_kb" to $T/$1.txt.
run_tool() {
	name=$1
	# shellcheck disable=SC2016 # $1 and $2 are the inner shell's
	case $name in
	hugo)
		rm -rf "$HUGO_OUT"
		set -- sh -c 'cd "$1" && exec hugo --quiet -d "$2"' hugo "$HUGO_DIR" "$HUGO_OUT"
		;;
	khoa)
		rm -rf "$KHOA_OUT"
		set -- "$KHOA" build --repo "$KHOA_REPO" --out "$KHOA_OUT" --theme "$THEME"
		;;
	khoa-state)
		rm -rf "$KHOA_OUT" "$STATE"
		cp -R "$STATE0" "$STATE"
		set -- "$KHOA" build --repo "$KHOA_REPO" --out "$KHOA_OUT" --theme "$THEME" --state "$STATE"
		;;
	esac
	start=$(date +%s%N)
	if ! timeout "$TIMEOUT" /usr/bin/time -v -o "$T/time.txt" "$@" >"$T/out.txt" 2>"$T/err.txt"; then
		cat "$T/err.txt" >&2
		die "$name failed (its messages are above)"
	fi
	end=$(date +%s%N)
	awk -v wall="$(((end - start) / 1000))" '
		/User time \(seconds\)/ { cpu += $NF }
		/System time \(seconds\)/ { cpu += $NF }
		/Maximum resident set size/ { rss = $NF }
		END { printf "%.6f %.2f %d\n", wall / 1e6, cpu, rss }' "$T/time.txt" >>"$T/$name.txt"
}

# --- checks of the outputs, run after the warm-up runs ---
check_outputs() {
	want_khoa=$((1 + COURSES + COURSES * LESSONS))
	want_hugo=$((2 + COURSES + COURSES * LESSONS))
	got=$(find "$KHOA_OUT" -name index.html | wc -l)
	[ "$got" -eq "$want_khoa" ] ||
		die "Khoa wrote $got index.html files, expected $want_khoa (home, courses, lessons)"
	[ -f "$KHOA_OUT/404.html" ] || die "Khoa wrote no 404.html"
	grep -q "(0 errors, 0 warnings)" "$T/err.txt" || {
		cat "$T/err.txt" >&2
		die "Khoa reported errors or warnings on the corpus"
	}
	lesson=$KHOA_OUT/khoa-hoc/khoa-hoc-001/bai-01/index.html
	if ! grep -q "<table>" "$lesson" || ! grep -q "<pre" "$lesson"; then
		die "$lesson lacks the corpus's table or code block"
	fi
	links=$(grep -o 'href="/khoa-hoc/khoa-hoc-001/bai-[0-9]*/"' \
		"$KHOA_OUT/khoa-hoc/khoa-hoc-001/index.html" | sort -u | wc -l)
	[ "$links" -eq "$LESSONS" ] || die "the first course page links $links lessons, expected $LESSONS"
	got=$(find "$HUGO_OUT" -name index.html | wc -l)
	[ "$got" -eq "$want_hugo" ] || die "Hugo wrote $got index.html files, expected $want_hugo"
}

check_catalogue() {
	command -v sqlite3 >/dev/null 2>&1 || return 0
	got=$(sqlite3 "$STATE/khoa.db" "SELECT (SELECT count(*) FROM courses WHERE active = 1) || ' ' ||
		(SELECT count(*) FROM lessons WHERE active = 1)")
	[ "$got" = "$COURSES $((COURSES * LESSONS))" ] ||
		die "the catalogue has $got courses and lessons, expected $COURSES $((COURSES * LESSONS))"
}

# Warm-up: one untimed run of each, which also fills the page cache.
run_tool hugo
run_tool khoa-state
check_catalogue
run_tool khoa
check_outputs
KHOA_PAGES=$(find "$KHOA_OUT" -name '*.html' | wc -l)
HUGO_PAGES=$(find "$HUGO_OUT" -name '*.html' | wc -l)
rm -f "$T/hugo.txt" "$T/khoa.txt" "$T/khoa-state.txt"

# --- timed runs, alternating the tools; the first tool rotates each round ---
LOAD_BEFORE=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)
i=0
while [ "$i" -lt "$RUNS" ]; do
	case $((i % 3)) in
	0) order="hugo khoa khoa-state" ;;
	1) order="khoa khoa-state hugo" ;;
	*) order="khoa-state hugo khoa" ;;
	esac
	for name in $order; do
		run_tool "$name"
	done
	i=$((i + 1))
	printf 'bench: round %d of %d done\n' "$i" "$RUNS" >&2
done

# Prints the median of column $2 of file $1.
median() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		{ v[NR] = $1 }
		END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# Prints the smallest and largest value of column $2 of file $1.
range() {
	awk -v c="$2" '{ print $c }' "$1" | sort -g | awk '
		NR == 1 { lo = $1 } { hi = $1 } END { printf "%.3f–%.3f", lo, hi }'
}
# Prints $1 / $2 with two decimals, or a dash when either is 0.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "–" }'
}
# Prints $1 with $2 decimals.
fmt() {
	awk -v v="$1" -v d="$2" 'BEGIN { printf "%.*f", d, v }'
}

wall_hugo=$(median "$T/hugo.txt" 1)
wall_khoa=$(median "$T/khoa.txt" 1)
wall_khoa_state=$(median "$T/khoa-state.txt" 1)
cpu_hugo=$(median "$T/hugo.txt" 2)
cpu_khoa=$(median "$T/khoa.txt" 2)
cpu_khoa_state=$(median "$T/khoa-state.txt" 2)
rss_hugo=$(median "$T/hugo.txt" 3)
rss_khoa=$(median "$T/khoa.txt" 3)
rss_khoa_state=$(median "$T/khoa-state.txt" 3)
# Prints $1 kilobytes in MiB.
rss_mib() {
	awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'
}

LOAD_AFTER=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)

# --- instruction counts, one run each: perf when the CPU counter is available, else callgrind ---
INSTR_TOOL=none
instr_hugo=0
instr_khoa=0
instr_khoa_state=0
if [ "$INSTRUCTIONS" != 0 ]; then
	if command -v perf >/dev/null 2>&1 &&
		perf stat -x, -e instructions:u true 2>&1 | grep -q '^[0-9][0-9]*,'; then
		INSTR_TOOL=perf
	elif command -v valgrind >/dev/null 2>&1; then
		INSTR_TOOL=callgrind
	fi
fi
# Prints the user-space instructions of one run of tool $1.
count_instructions() {
	name=$1
	rm -rf "$HUGO_OUT" "$KHOA_OUT" "$STATE"
	case $name in
	hugo) set -- hugo --quiet -d "$HUGO_OUT" ;;
	khoa) set -- "$KHOA" build --repo "$KHOA_REPO" --out "$KHOA_OUT" --theme "$THEME" ;;
	khoa-state)
		cp -R "$STATE0" "$STATE"
		set -- "$KHOA" build --repo "$KHOA_REPO" --out "$KHOA_OUT" --theme "$THEME" --state "$STATE"
		;;
	esac
	if [ "$INSTR_TOOL" = perf ]; then
		(cd "$HUGO_DIR" && timeout "$TIMEOUT" perf stat -x, -e instructions:u -o "$T/perf.txt" "$@" \
			>/dev/null 2>&1) || die "perf stat on $name failed"
		awk -F, '/instructions/ { print $1 }' "$T/perf.txt"
	else
		# Callgrind 3.19 aborts on Hugo (assertion in vgCallgrind_post_signal).
		# With Go's preemption signals turned off the run completes.
		(cd "$HUGO_DIR" && GODEBUG=asyncpreemptoff=1 timeout "$TIMEOUT" valgrind --tool=callgrind \
			--callgrind-out-file="$T/callgrind.out" "$@" >/dev/null 2>"$T/cg.txt") ||
			die "callgrind on $name failed: $(tail -n 3 "$T/cg.txt")"
		awk '/Collected :/ { print $NF }' "$T/cg.txt"
	fi
}
if [ "$INSTR_TOOL" != none ]; then
	echo "bench: counting instructions with $INSTR_TOOL (one run each; callgrind takes a minute)" >&2
	instr_hugo=$(count_instructions hugo)
	instr_khoa=$(count_instructions khoa)
	instr_khoa_state=$(count_instructions khoa-state)
fi
# Prints $1 in billions.
giga() {
	awk -v v="$1" 'BEGIN { printf "%.2f G", v / 1e9 }'
}

# --- the report ---
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
FS_TYPE=$(df --output=fstype "$T" 2>/dev/null | tail -n 1 || echo unknown)
HUGO_VERSION=$(hugo version 2>/dev/null | awk '{ print $2 }')
KHOA_REV="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	KHOA_REV="$KHOA_REV plus uncommitted changes"
fi
CMD=""
[ -z "${BENCH_RUNS:-}" ] || CMD="${CMD}BENCH_RUNS=$BENCH_RUNS "
[ -z "${BENCH_COURSES:-}" ] || CMD="${CMD}BENCH_COURSES=$BENCH_COURSES "
[ -z "${BENCH_LESSONS:-}" ] || CMD="${CMD}BENCH_LESSONS=$BENCH_LESSONS "
[ -z "$USER_TMPDIR" ] || CMD="${CMD}BENCH_TMPDIR=$USER_TMPDIR "
[ -z "${BENCH_INSTRUCTIONS:-}" ] || CMD="${CMD}BENCH_INSTRUCTIONS=$BENCH_INSTRUCTIONS "
CMD="${CMD}bench/run.sh"

cat <<EOF

## Khoa vs Hugo: static site generation

- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) CPUs (nproc), ${CPU_MODEL:-unknown CPU}
- Corpus: make-corpus.py $COURSES $LESSONS: $MD_FILES Markdown files, $MD_BYTES bytes;
  Khoa wrote $KHOA_PAGES HTML pages, Hugo $HUGO_PAGES
- Tools: Hugo $HUGO_VERSION; Khoa $KHOA_REV, binary $KHOA
- Output folder: $BENCH_TMPDIR ($FS_TYPE), emptied before each run
- Timed runs per tool: $RUNS, after one warm-up run each, alternating the tools;
  load average before and after them: $LOAD_BEFORE and $LOAD_AFTER

| measure | Hugo | Khoa, site | Khoa, site + catalogue | Khoa/Hugo | Khoa+catalogue/Hugo |
|---|---:|---:|---:|---:|---:|
| wall time, median (s) | $(fmt "$wall_hugo" 3) | $(fmt "$wall_khoa" 3) | $(fmt "$wall_khoa_state" 3) | $(ratio "$wall_khoa" "$wall_hugo") | $(ratio "$wall_khoa_state" "$wall_hugo") |
| wall time, min–max (s) | $(range "$T/hugo.txt" 1) | $(range "$T/khoa.txt" 1) | $(range "$T/khoa-state.txt" 1) | | |
| CPU time user+sys, median (s) | $(fmt "$cpu_hugo" 2) | $(fmt "$cpu_khoa" 2) | $(fmt "$cpu_khoa_state" 2) | $(ratio "$cpu_khoa" "$cpu_hugo") | $(ratio "$cpu_khoa_state" "$cpu_hugo") |
| peak RSS, median (MiB) | $(rss_mib "$rss_hugo") | $(rss_mib "$rss_khoa") | $(rss_mib "$rss_khoa_state") | $(ratio "$rss_khoa" "$rss_hugo") | $(ratio "$rss_khoa_state" "$rss_hugo") |
EOF
if [ "$INSTR_TOOL" != none ]; then
	echo "| instructions, one run ($INSTR_TOOL) | $(giga "$instr_hugo") | $(giga "$instr_khoa") | $(giga "$instr_khoa_state") | $(ratio "$instr_khoa" "$instr_hugo") | $(ratio "$instr_khoa_state" "$instr_hugo") |"
fi
cat <<EOF

Command: \`$CMD\` from the repository root (\`make bench\` runs bench/run.sh). Each run:

- Hugo: \`cd CORPUS && hugo --quiet -d CORPUS/public\`
- Khoa, site: \`build/khoa build --repo CORPUS.git --out SITE --theme theme\`
- Khoa, site + catalogue: the same with \`--state STATE\`, STATE copied from a fresh \`khoa init\`

Wall time is the whole process, start to exit; CPU time and peak RSS come from
\`/usr/bin/time -v\`. Hugo can run on every core, Khoa runs on one.
EOF
if [ "$INSTR_TOOL" = callgrind ]; then
	echo "Instructions: callgrind's Ir; Hugo ran with GODEBUG=asyncpreemptoff=1 (callgrind aborts otherwise)."
elif [ "$INSTR_TOOL" = none ]; then
	echo "Instructions: not counted (no perf counter and no valgrind, or BENCH_INSTRUCTIONS=0)."
fi
