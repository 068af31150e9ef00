#!/bin/sh
# Installs the Debian 12 packages that Khoa needs and that are missing.
# Runs apt-get as root, or through sudo for another user.
set -eu

PACKAGES="build-essential clang pkg-config git sqlite3 python3 \
libcmark-gfm-dev libcmark-gfm-extensions-dev libgit2-dev libsqlite3-dev \
libqrencode-dev libpng-dev libsodium-dev libyaml-dev libutf8proc-dev \
libfreetype-dev libjansson-dev fonts-noto-core \
lighttpd zbar-tools curl chromium nodejs npm"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

# nodesource's nodejs package bundles npm, and Debian's npm conflicts with it.
if [ -n "$missing" ] && command -v npm >/dev/null 2>&1; then
	missing=$(echo "$missing" | sed 's/ npm\b//')
fi
if [ -n "$missing" ] && command -v node >/dev/null 2>&1; then
	missing=$(echo "$missing" | sed 's/ nodejs\b//')
fi
missing=$(echo "$missing" | xargs)
[ -z "$missing" ] && exit 0

echo "Installing the missing Debian packages: $missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
else
	SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
