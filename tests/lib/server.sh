# server.sh - start Khoa's real stack for a test: state folder, content
# repository, site and lighttpd on a free loopback port. Source it after
# setting root and work; it defines start_server and stop_server.

# Prints a free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server: sets port, base, state and site; returns non-zero on failure.
start_server() {
	state=$work/state
	site=$work/site
	port=$(free_port)
	base=http://127.0.0.1:$port
	"$root/build/khoa" init --state "$state" > "$work/init.out" || return 1
	"$root/scripts/content-repo.sh" "$root" "$state" "$root/content" "$site" > /dev/null || return 1
	"$root/build/khoa" build --repo "$state/content.git" --out "$site" --theme "$root/theme" \
		--state "$state" 2> "$work/build.err" || return 1
	"$root/scripts/lighttpd-conf.sh" "$root" "$state" "$site" "$port" > "$state/lighttpd.conf"
	# CGI programs write their log lines to lighttpd's standard error.
	/usr/sbin/lighttpd -D -f "$state/lighttpd.conf" >> "$state/lighttpd-output.log" 2>&1 &
	server_pid=$!
	for _ in $(seq 1 50); do
		curl -s -o /dev/null "$base/" && return 0
		sleep 0.1
	done
	echo "lighttpd did not start on port $port" >&2
	return 1
}

stop_server() {
	if [ -n "${server_pid:-}" ]; then
		kill "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=
	fi
}
