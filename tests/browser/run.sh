#!/bin/sh
# Browser test: installs playwright-core from npm when missing (it drives
# Debian's chromium, no browser download), serves Khoa and runs phone.mjs.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
. "$root/tests/lib/server.sh"
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

cd "$root/tests/browser"
if [ ! -d node_modules/playwright-core ]; then
	npm ci --no-audit --no-fund --silent || { echo "browser: 0 passed, 1 failed"; exit 1; }
fi
start_server || { echo "browser: 0 passed, 1 failed"; exit 1; }

# A signed-in session for the account and start pages.
password="mat-khau-thu-nghiem-1"
echo "$password" | "$root/build/khoa" user add --state "$state" --username dienthoai \
	--name "Đặng Hữu Phước" --password-stdin > /dev/null
jar=$work/cookies
csrf=$(curl -s -c "$jar" -b "$jar" "$base/cgi-bin/login" |
	grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
	--data-urlencode "username=dienthoai" --data-urlencode "password=$password" "$base/cgi-bin/login"
session=$(awk '$6 == "khoa_session" {print $7}' "$jar")

# An open attempt, so that the attempt and result pages are checked too.
page=$(curl -s -c "$jar" -b "$jar" "$base/cgi-bin/start?quiz=ai-co-ban/kiem-tra")
csrf=$(echo "$page" | grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
quiz=$(echo "$page" | grep -o 'name="quiz" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
attempt=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' \
	--data-urlencode "csrf=$csrf" --data-urlencode "quiz=$quiz" "$base/cgi-bin/start")
attempt=${attempt#"$base"}

mkdir -p "$root/build/screenshots"
node phone.mjs "$base" "$root/build/screenshots" "khoa_session=$session" "$attempt"
