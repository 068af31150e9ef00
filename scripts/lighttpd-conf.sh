#!/bin/sh
# Prints a lighttpd configuration that serves SITE as static files and the
# CGI programs of ROOT/build/cgi-bin under /cgi-bin/, on 127.0.0.1:PORT.
# usage: lighttpd-conf.sh ROOT STATE SITE PORT [BASE_URL]
set -eu
root=$1
state=$2
site=$3
port=$4
base_url=${5:-http://127.0.0.1:$port}

cat <<CONF
server.modules = ("mod_alias", "mod_cgi", "mod_setenv", "mod_accesslog")
server.document-root = "$site"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$state/lighttpd-error.log"
accesslog.filename = "$state/lighttpd-access.log"
server.pid-file = "$state/lighttpd.pid"
index-file.names = ("index.html")
server.errorfile-prefix = "$site/"
static-file.exclude-extensions = (".md", ".yml")
mimetype.assign = (
  ".html" => "text/html; charset=utf-8",
  ".css" => "text/css; charset=utf-8",
  ".js" => "text/javascript; charset=utf-8",
  ".txt" => "text/plain; charset=utf-8",
  ".vtt" => "text/vtt; charset=utf-8",
  ".svg" => "image/svg+xml",
  ".png" => "image/png",
  ".jpg" => "image/jpeg",
  ".jpeg" => "image/jpeg",
  ".webp" => "image/webp",
  ".gif" => "image/gif",
  ".ico" => "image/x-icon",
  ".mp4" => "video/mp4",
  ".webm" => "video/webm",
  ".mp3" => "audio/mpeg",
  ".ogg" => "audio/ogg",
  ".m4a" => "audio/mp4",
  ".pdf" => "application/pdf",
  ".json" => "application/json"
)
alias.url = ("/cgi-bin/" => "$root/build/cgi-bin/")
\$HTTP["url"] =~ "^/cgi-bin/" {
  cgi.assign = ("" => "")
}
# Pages load scripts, styles and media from this site only, and no other
# site may frame them. The CGI programs set nosniff and the referrer policy.
setenv.add-response-header = (
  "Content-Security-Policy" => "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  "X-Content-Type-Options" => "nosniff"
)
setenv.add-environment = (
  "KHOA_STATE" => "$state",
  "KHOA_THEME" => "$root/theme",
  "KHOA_BASE_URL" => "$base_url"
)
CONF
