#!/bin/sh
# CGI benchmark: requests per second through lighttpd on loopback for a
# static page, a no-op CGI program and Khoa's CGI programs, measured with
# wrk in one run so that the ratios to the no-op baseline are comparable.
# usage: bench/cgi.sh   (BENCH_SECONDS per endpoint, default 10)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${BENCH_SECONDS:-10}
command -v wrk >/dev/null 2>&1 || {
	echo "Installing wrk (Debian package) for the CGI benchmark"
	if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk; else sudo apt-get install -y -qq wrk; fi
}

work=$(mktemp -d)
. "$root/tests/lib/server.sh"
trap 'stop_server; rm -rf "$work"' EXIT
cc -O2 -o "$root/build/cgi-bin/bench-noop" "$root/bench/noop.c"
trap 'stop_server; rm -rf "$work"; rm -f "$root/build/cgi-bin/bench-noop"' EXIT
start_server

measure() {
	wrk -t 2 -c 4 -d "${seconds}s" "$base$1" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"}'
}

echo "| endpoint | requests/s | ratio to no-op CGI |"
echo "|---|---:|---:|"
noop=$(measure /cgi-bin/bench-noop)
# Static page; the baseline; the visitor's state read by every static page;
# the login form (sets a CSRF cookie); the verify form.
for path in / /cgi-bin/bench-noop /cgi-bin/me /cgi-bin/login /cgi-bin/verify; do
	if [ "$path" = /cgi-bin/bench-noop ]; then rps=$noop; else rps=$(measure "$path"); fi
	ratio=$(awk -v a="$rps" -v b="$noop" 'BEGIN { printf "%.2f", a / b }')
	echo "| \`$path\` | $rps | $ratio |"
done
echo
echo "wrk -t 2 -c 4 -d ${seconds}s per endpoint, lighttpd $(/usr/sbin/lighttpd -v 2>&1 | head -n 1 | cut -d' ' -f1), $(nproc) cores."
