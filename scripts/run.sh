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

# A busy port would otherwise end in lighttpd's terse bind error.
if ! python3 -c 'import socket, sys; s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null; then
	echo "Cổng $port đang được một chương trình khác sử dụng. Vui lòng chạy lại với cổng khác, ví dụ: make run PORT=8081"
	echo "Port $port is in use by another program; run again with another port, e.g. make run PORT=8081."
	exit 1
fi

if [ ! -f "$state/khoa.db" ]; then
	"$khoa" init --state "$state"
fi
"$root/scripts/content-repo.sh" "$root" "$state" "$root/content" "$site"
"$khoa" build --repo "$state/content.git" --out "$site" --theme "$root/theme" --state "$state" || {
	status=$?
	[ "$status" -eq 1 ] || exit "$status"
	echo "Một số tệp nội dung có lỗi (xem danh sách ở trên); phần còn lại của trang vẫn được phục vụ."
	echo "Some content files have errors (listed above); the rest of the site is served."
}

"$root/scripts/lighttpd-conf.sh" "$root" "$state" "$site" "$port" > "$state/lighttpd.conf"
cat <<MSG

Khoa đang chạy tại http://127.0.0.1:$port/
  Đăng nhập tại http://127.0.0.1:$port/cgi-bin/login với tên "admin" và mật khẩu dùng một
  lần được in ra khi tạo thư mục trạng thái (chỉ ở lần chạy đầu tiên).
  Tạo tài khoản học viên:
    build/khoa user add --state "$state" --username hocvien --name "Nguyễn Thị Ngọc Ánh"
  Kho nội dung: $state/content.git (mỗi lần push sẽ dựng lại trang web)
  Nhật ký của các chương trình CGI hiện trong cửa sổ này; nhật ký của lighttpd ở
  $state/lighttpd-error.log
Nhấn Ctrl-C để dừng.

Khoa is running at http://127.0.0.1:$port/ (log in as "admin" with the one-time
password printed on the first run; Ctrl-C stops it).

MSG
exec /usr/sbin/lighttpd -D -f "$state/lighttpd.conf"
