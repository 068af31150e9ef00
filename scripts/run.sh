#!/bin/sh
# `make run`: prepare the state folder and the content repository, build the
# site and serve it with lighttpd until Ctrl-C.
# usage: run.sh STATE SITE PORT
set -eu
state=$1
site=$2
port=$3
root=$(cd "$(dirname "$0")/.." && pwd)
khoa=$root/build/khoa

if [ ! -f "$state/khoa.db" ]; then
	"$khoa" init --state "$state"
fi
"$root/scripts/content-repo.sh" "$root" "$state" "$root/content" "$site"
"$khoa" build --repo "$state/content.git" --out "$site" --theme "$root/theme" --state "$state" || {
	status=$?
	[ "$status" -eq 1 ] || exit "$status"
	echo "Some content files have errors (listed above); the rest of the site is served."
}

"$root/scripts/lighttpd-conf.sh" "$root" "$state" "$site" "$port" > "$state/lighttpd.conf"
cat <<MSG

Khoa is running: http://127.0.0.1:$port/
  Log in at http://127.0.0.1:$port/cgi-bin/login with the user name "admin" and the
  one-time password printed when the state folder was created (first run only).
  Add a learner: build/khoa user add --state "$state" --username hocvien --name "Nguyễn Thị Ngọc Ánh"
  Content repository: $state/content.git (a push rebuilds the site)
  Server log: $state/lighttpd-error.log
Press Ctrl-C to stop.

MSG
exec /usr/sbin/lighttpd -D -f "$state/lighttpd.conf"
