#!/bin/sh
# The whole path over real HTTP: lighttpd serving the built site and the CGI
# programs against a real SQLite file. build -> log in -> start -> fail ->
# start again -> answer -> submit -> pass -> certificate PNG -> QR decoded by
# zbarimg -> verify page, by token and by serial.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
. "$root/tests/lib/assert.sh"
. "$root/tests/lib/server.sh"
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

learner_name="Nguyễn Thị Ngọc Ánh"
learner_password="mat-khau-thu-nghiem-1"
jar=$work/cookies

# request METHOD PATH [curl args...]: response body in $work/body, headers in
# $work/headers, status in $status.
request() {
	method=$1
	path=$2
	shift 2
	status=$(curl -s -X "$method" -b "$jar" -c "$jar" -D "$work/headers" -o "$work/body" \
		-w '%{http_code}' "$@" "$base$path")
}

# Prints the value of the hidden input NAME in the last body.
hidden() {
	grep -o "name=\"$1\" value=\"[^\"]*\"" "$work/body" | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/'
}

header() {
	grep -i "^$1:" "$work/headers" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'
}

# start_attempt: starts an attempt at ai-co-ban/kiem-tra with the session in
# $jar; sets quiz (the version id) and attempt (the new attempt's id).
start_attempt() {
	request GET "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"
	check_equal "start page status" "$status" 200
	csrf=$(hidden csrf)
	quiz=$(hidden quiz)
	request POST /cgi-bin/start --data-urlencode "csrf=$csrf" --data-urlencode "quiz=$quiz"
	check_equal "start status" "$status" 303
	attempt=$(header location | sed -n 's/.*[?&]id=\([0-9]*\).*/\1/p')
	check "start redirects to the attempt" test -n "$attempt"
}

# key_texts ATTEMPT: prints, one a line and without tags, the text of every
# correct option and every explanation of the test that ATTEMPT is at.
key_texts() {
	sqlite3 "$state/khoa.db" "SELECT o.body_html FROM options o JOIN questions q ON q.id = o.question_id JOIN attempts a ON a.quiz_id = q.quiz_id WHERE a.id = $1 AND o.correct = 1; SELECT q.feedback_html FROM questions q JOIN attempts a ON a.quiz_id = q.quiz_id WHERE a.id = $1 AND q.feedback_html != ''" \
		| sed 's/<[^>]*>//g' | grep -v '^[[:space:]]*$'
}

# check_no_key DESCRIPTION FILE ATTEMPT: passes when FILE contains no key text of ATTEMPT.
check_no_key() {
	key_texts "$3" > "$work/key-texts"
	check "$1: the test has key texts to look for" test -s "$work/key-texts"
	while IFS= read -r line; do
		check_absent "$1" "$2" "$line"
	done < "$work/key-texts"
}

start_server || { echo "e2e: 0 passed, 1 failed"; exit 1; }
check_contains "init prints the one-time admin password" "$work/init.out" "mật khẩu dùng một lần:"
echo "$learner_password" | "$root/build/khoa" user add --state "$state" --username hocvien \
	--name "$learner_name" --password-stdin > /dev/null
echo "$learner_password" | "$root/build/khoa" user add --state "$state" --username khac \
	--name "Đặng Hữu Phước" --password-stdin > /dev/null

# --- static pages ---
request GET /
check_equal "home page status" "$status" 200
check_contains "pages carry a content security policy" "$work/headers" "Content-Security-Policy: default-src 'self'"
check_contains "home page lists a course" "$work/body" "Kiến thức cơ bản về trí tuệ nhân tạo"
request GET /khoa-hoc/ai-co-ban/kiem-tra/
check_equal "test landing page status" "$status" 200
request GET /khong-co-trang-nay/
check_equal "missing page status" "$status" 404
check_contains "missing page is the themed 404" "$work/body" "Không tìm thấy trang"

# --- anonymous access goes to the login page ---
request GET "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"
check_equal "start without login redirects" "$status" 303
check_contains "redirect keeps the destination" "$work/headers" "/cgi-bin/login?next="
request GET /cgi-bin/me
check_equal "me for a visitor status" "$status" 200
check_contains "me for a visitor says signed out" "$work/body" '"signed_in":false'
request GET /cgi-bin/verify
check_equal "verify form status" "$status" 200
check_contains "verify form has the input" "$work/body" 'name="t"'

# --- login: CSRF, wrong password, success ---
request GET /cgi-bin/login
check_equal "login form status" "$status" 200
csrf=$(hidden csrf)
check "login form has a CSRF token" test -n "$csrf"
request POST /cgi-bin/login --data-urlencode "username=hocvien" --data-urlencode "password=$learner_password"
check_equal "login without CSRF token is forbidden" "$status" 403
request POST /cgi-bin/login --data-urlencode "csrf=$csrf" --data-urlencode "username=hocvien" \
	--data-urlencode "password=sai-mat-khau"
check_equal "wrong password status" "$status" 401
request GET /cgi-bin/login
csrf=$(hidden csrf)
request POST /cgi-bin/login --data-urlencode "csrf=$csrf" --data-urlencode "username=hocvien" \
	--data-urlencode "password=$learner_password" --data-urlencode "next=/cgi-bin/account"
check_equal "login status" "$status" 303
cookie=$(grep -i '^set-cookie: khoa_session=' "$work/headers" | head -n 1)
check_contains "session cookie is HttpOnly" "$work/headers" "HttpOnly"
check_contains "session cookie is SameSite=Lax" "$work/headers" "SameSite=Lax"
check "session cookie is not Secure over plain HTTP" sh -c "! echo '$cookie' | grep -q Secure"
token=$(grep khoa_session "$jar" | awk '{print $7}')
hash_count=$(sqlite3 "$state/khoa.db" "SELECT count(*) FROM sessions WHERE hex(token_hash) = upper('$token')")
check_equal "session token is stored hashed, not as sent" "$hash_count" 0
request GET /cgi-bin/me
check_contains "me returns the learner's name" "$work/body" "$learner_name"
check_contains "me says signed in" "$work/body" '"signed_in":true'

# --- a failed attempt shows no key ---
start_attempt
failed_attempt=$attempt
request GET "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"
check_absent "breadcrumbs end without a separator" "$work/body" "›"
request GET "/cgi-bin/attempt?id=$failed_attempt"
csrf=$(hidden csrf)
request POST /cgi-bin/attempt --data-urlencode "csrf=$csrf" --data-urlencode "id=$failed_attempt"
check_equal "empty submission status" "$status" 303
request GET "/cgi-bin/result?id=$failed_attempt"
check_equal "failed result status" "$status" 200
cp "$work/body" "$work/failed.html"
check_contains "failed attempt is shown as failed" "$work/failed.html" 'data-result="failed"'
check_contains "failed result says the key is not published" "$work/failed.html" 'id="review-hidden"'
check_absent "failed result has no per-question marks" "$work/failed.html" 'class="question'
check_no_key "no key text after a failed attempt" "$work/failed.html" "$failed_attempt"
request GET /cgi-bin/account
check_contains "account shows the score as points and percent" "$work/body" "0/12 (0%)"

# --- start an attempt ---
start_attempt
request GET "/cgi-bin/attempt?id=$attempt"
check_equal "attempt page status" "$status" 200
cp "$work/body" "$work/attempt.html"
for marker in 'correct' 'Giải thích' 'Đáp án' 'feedback'; do
	check_absent "no answer marker on the attempt page" "$work/attempt.html" "$marker"
done
sqlite3 "$state/khoa.db" "SELECT feedback_html FROM questions q JOIN attempts a ON a.quiz_id = q.quiz_id WHERE a.id = $attempt AND feedback_html != ''" \
	| sed 's/<[^>]*>//g' | grep -v '^$' | head -n 5 > "$work/feedback"
while IFS= read -r line; do
	check_absent "no feedback text on the attempt page" "$work/attempt.html" "$line"
done < "$work/feedback"

# --- answer every question right, from the key in the database ---
args=""
sqlite3 -separator '|' "$state/khoa.db" "SELECT q.id, q.type, replace(q.answer, char(10), char(30)) FROM questions q JOIN attempts a ON a.quiz_id = q.quiz_id WHERE a.id = $attempt" > "$work/key"
questions=0
record_separator=$(printf '\036')
set --
while IFS='|' read -r id type answer; do
	questions=$((questions + 1))
	case $type in
	multiple)
		for position in $(echo "$answer" | tr ',' ' '); do
			set -- "$@" --data-urlencode "q$id=$position"
		done ;;
	*)
		set -- "$@" --data-urlencode "q$id=${answer%%"$record_separator"*}" ;;
	esac
done < "$work/key"
inputs=$(grep -o 'name="q[0-9]*"' "$work/attempt.html" | sort -u | wc -l)
check_equal "attempt page shows every question" "$inputs" "$questions"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$work/attempt.html" | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
request POST /cgi-bin/attempt --data-urlencode "csrf=$csrf" --data-urlencode "id=$attempt" "$@"
check_equal "submit status" "$status" 303
request GET "/cgi-bin/result?id=$attempt"
check_equal "result page status" "$status" 200
check_equal "attempt graded as passed" \
	"$(sqlite3 "$state/khoa.db" "SELECT passed || '/' || percent FROM attempts WHERE id = $attempt")" "1/100"
serial=$(grep -o 'certificate?serial=[A-Z0-9-]*' "$work/body" | head -n 1 | sed 's/.*=//')
check "result page links the certificate" test -n "$serial"
cp "$work/body" "$work/passed.html"
check_contains "result shows the score as points and percent" "$work/passed.html" "12/12 (<span id=\"percent\">100%</span>)"
check_contains "passed result with review none says so" "$work/passed.html" 'id="review-hidden"'
check_absent "passed result with review none has no marks" "$work/passed.html" 'class="question'
check_no_key "no key text after passing with review none" "$work/passed.html" "$attempt"

# --- review after_passing: only the passed attempt shows the key ---
sqlite3 "$state/khoa.db" "UPDATE quizzes SET review = 'after_passing' WHERE id = $quiz"
request GET "/cgi-bin/result?id=$attempt"
check_contains "after_passing shows the passed attempt's questions" "$work/body" 'class="question'
key_texts "$attempt" | head -n 1 > "$work/first-key"
check "the test has a key text to show" test -s "$work/first-key"
check_contains "after_passing shows the key after passing" "$work/body" "$(cat "$work/first-key")"
request GET "/cgi-bin/result?id=$failed_attempt"
check_absent "after_passing hides the failed attempt's questions" "$work/body" 'class="question'
check_no_key "after_passing shows no key after failing" "$work/body" "$failed_attempt"
sqlite3 "$state/khoa.db" "UPDATE quizzes SET current = 0 WHERE id = $quiz"
request GET "/cgi-bin/result?id=$attempt"
check_absent "a withdrawn test shows no questions" "$work/body" 'class="question'
check_no_key "a withdrawn test shows no key" "$work/body" "$attempt"
sqlite3 "$state/khoa.db" "UPDATE quizzes SET current = 1, review = 'none' WHERE id = $quiz"

# --- a second submission changes nothing ---
request POST /cgi-bin/attempt --data-urlencode "csrf=$csrf" --data-urlencode "id=$attempt" "$@"
check "second submission is not graded again" sh -c "[ $status = 303 ] || [ $status = 409 ]"
check_equal "one certificate issued" \
	"$(sqlite3 "$state/khoa.db" "SELECT count(*) FROM certificates")" 1

# --- certificate PNG, QR code, verify page ---
request GET "/cgi-bin/certificate?serial=$serial"
check_equal "certificate status" "$status" 200
check_equal "certificate type" "$(header content-type)" "image/png"
cp "$work/body" "$work/certificate.png"
url=$(zbarimg --raw -q "$work/certificate.png" 2>/dev/null | head -n 1)
check "QR code decodes to the verify URL" sh -c "echo '$url' | grep -q '^$base/cgi-bin/verify?t='"
status=$(curl -s -o "$work/verify.html" -w '%{http_code}' "$url")
check_equal "verify page status" "$status" 200
check_contains "verify page says valid" "$work/verify.html" 'data-verify="valid"'
check_contains "verify page shows the holder" "$work/verify.html" "$learner_name"
check_contains "verify page shows the course" "$work/verify.html" "Kiến thức cơ bản về trí tuệ nhân tạo"
check_contains "verify page shows the date" "$work/verify.html" "$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)"

token=${url#*t=}
position=$(( ${#token} / 2 ))
original=$(echo "$token" | cut -c"$position")
if [ "$original" = "A" ]; then replacement=B; else replacement=A; fi
tampered=$(echo "$token" | sed "s/./$replacement/$position")
status=$(curl -s -o "$work/tampered.html" -w '%{http_code}' "$base/cgi-bin/verify?t=$tampered")
check_contains "tampered token is invalid" "$work/tampered.html" 'data-verify="invalid"'
check "tampered token is not called valid" sh -c "! grep -q 'data-verify=\"valid\"' '$work/tampered.html'"
status=$(curl -s -o "$work/missing.html" -w '%{http_code}' "$base/cgi-bin/verify?t=")
check_equal "verify with an empty token is a bad request" "$status" 400

# --- verify by the serial printed on the certificate ---
request GET "/cgi-bin/verify?t=$serial"
check_equal "verify by serial status" "$status" 200
check_contains "known serial is valid" "$work/body" 'data-verify="valid"'
check_contains "known serial shows the holder" "$work/body" "$learner_name"
check_contains "known serial shows the course" "$work/body" "Kiến thức cơ bản về trí tuệ nhân tạo"
check_contains "known serial was checked in the register" "$work/body" "sổ cấp giấy chứng nhận"
lower_serial=$(echo "$serial" | tr 'A-Z' 'a-z')
request GET "/cgi-bin/verify?t=+$lower_serial+"
check_contains "serial in lower case with spaces is valid" "$work/body" 'data-verify="valid"'
check "serial ends in a random suffix" sh -c "echo '$serial' | grep -Eq '^KHOA-[0-9]{4}-[0-9]{6}-[A-Z0-9]{5}\$'"
guessed=$(echo "$serial" | sed 's/-[A-Z0-9]*$/-ZZZZZ/')
request GET "/cgi-bin/verify?t=$guessed"
check_absent "serial with a guessed suffix is not valid" "$work/body" 'data-verify="valid"'
request GET "/cgi-bin/verify?t=KHOA-2026-999999-ABCDE"
check_equal "unknown serial status" "$status" 200
check_contains "unknown serial is invalid" "$work/body" 'data-verify="invalid"'
check_contains "unknown serial says no such number" "$work/body" "Không có giấy chứng nhận nào mang số hiệu này"
check_absent "unknown serial is not called altered" "$work/body" "bị sửa đổi"
check_absent "unknown serial is not called valid" "$work/body" 'data-verify="valid"'
"$root/build/khoa" cert revoke --state "$state" --serial "$serial" --reason "Thử nghiệm" > "$work/revoke.out"
check_contains "revoke command confirms" "$work/revoke.out" "Đã thu hồi giấy chứng nhận $serial"
check "revoking twice is refused" sh -c "! '$root/build/khoa' cert revoke --state '$state' --serial '$serial' --reason x 2>/dev/null"
request GET "/cgi-bin/verify?t=$serial"
check_contains "revoked serial is revoked" "$work/body" 'data-verify="revoked"'
check_absent "revoked serial is not called valid" "$work/body" 'data-verify="valid"'
request GET "/cgi-bin/certificate?serial=$serial"
check_equal "revoked certificate is not downloaded" "$status" 410
check_contains "revoked certificate page says so" "$work/body" "Giấy chứng nhận đã bị thu hồi"
sqlite3 "$state/khoa.db" "UPDATE certificates SET revoked_at = NULL, revoke_reason = NULL WHERE serial = '$serial'"
request GET /
check_contains "footer links the verify page" "$work/body" '/cgi-bin/verify"'
lookups=0
limited=0
while [ "$lookups" -lt 40 ]; do
	lookups=$((lookups + 1))
	code=$(curl -s -o "$work/limited.html" -w '%{http_code}' "$base/cgi-bin/verify?t=KHOA-2026-000009-ABCDE")
	[ "$code" = 429 ] && limited=$((limited + 1))
done
check "serial lookups are rate limited" test "$limited" -gt 0
check "the limit leaves room for people" test "$limited" -le 20
check_contains "rate limit page is Vietnamese" "$work/limited.html" "quá nhiều lần"
status=$(curl -s -o /dev/null -w '%{http_code}' "$base/cgi-bin/verify?t=$token")
check_equal "token checks are not rate limited" "$status" 200

# --- another learner cannot see this attempt or certificate ---
other=$work/other-cookies
curl -s -c "$other" -b "$other" -o "$work/body" "$base/cgi-bin/login"
csrf=$(hidden csrf)
curl -s -c "$other" -b "$other" -o /dev/null --data-urlencode "csrf=$csrf" \
	--data-urlencode "username=khac" --data-urlencode "password=$learner_password" "$base/cgi-bin/login"
status=$(curl -s -b "$other" -o /dev/null -w '%{http_code}' "$base/cgi-bin/certificate?serial=$serial")
check_equal "another learner cannot download the certificate" "$status" 404
status=$(curl -s -b "$other" -o /dev/null -w '%{http_code}' "$base/cgi-bin/result?id=$attempt")
check_equal "another learner cannot read the result" "$status" 404

# --- a one-time password must be changed before anything else ---
onetime=$(KHOA_LANG=en "$root/build/khoa" user add --state "$state" --username motlan \
	--name "Lê Văn Một" | sed -n -e 's/.*with the one-time password: *//p' \
	-e 's/.*mật khẩu dùng một lần: *//p' | head -n 1 | tr -d '\r')
check "user add prints a one-time password" test -n "$onetime"
learner_jar=$jar
jar=$work/onetime-cookies
request GET /cgi-bin/login
csrf=$(hidden csrf)
request POST /cgi-bin/login --data-urlencode "csrf=$csrf" --data-urlencode "username=motlan" \
	--data-urlencode "password=$onetime"
check_equal "one-time password login status" "$status" 303
check_contains "one-time password login goes to the password page" "$work/headers" "/cgi-bin/password"
request GET "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"
check_equal "start with a one-time password redirects" "$status" 303
check_contains "start redirects to the password page" "$work/headers" "Location: /cgi-bin/password?next="
request GET /cgi-bin/account
check_contains "account redirects to the password page" "$work/headers" "Location: /cgi-bin/password?next="
request GET /cgi-bin/me
check_equal "me with a one-time password status" "$status" 200
request GET /cgi-bin/password
check_equal "password page with a one-time password status" "$status" 200
csrf=$(hidden csrf)
check "password page has a CSRF token" test -n "$csrf"
request POST /cgi-bin/start --data-urlencode "csrf=$csrf" --data-urlencode "quiz=$quiz"
check_equal "starting a test with a one-time password is forbidden" "$status" 403
check_contains "the refusal links the password page" "$work/body" 'href="/cgi-bin/password"'
check_equal "no attempt was started with a one-time password" \
	"$(sqlite3 "$state/khoa.db" "SELECT count(*) FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.username = 'motlan'")" 0
request POST /cgi-bin/password --data-urlencode "csrf=$csrf" --data-urlencode "current=$onetime" \
	--data-urlencode "new=mat-khau-rieng-cua-toi" --data-urlencode "repeat=mat-khau-rieng-cua-toi"
check_equal "changing the one-time password status" "$status" 303
request GET "/cgi-bin/start?quiz=ai-co-ban/kiem-tra"
check_equal "start after the password change" "$status" 200
jar=$learner_jar

# --- Secure cookies when the public address is https, as behind a TLS proxy ---
KHOA_STATE=$state KHOA_THEME=$root/theme KHOA_BASE_URL=https://daotao.example.gov.vn \
	REQUEST_METHOD=GET "$root/build/cgi-bin/login" > "$work/https-login"
check_contains "cookie is Secure behind a TLS proxy" "$work/https-login" "; Secure"

# --- methods a program does not take get 405 with Allow ---
request PUT /cgi-bin/account
check_equal "PUT on the account page" "$status" 405
check_equal "account page allows GET and HEAD" "$(header allow)" "GET, HEAD"
request GET /cgi-bin/logout
check_equal "GET on logout" "$status" 405
check_equal "logout allows POST" "$(header allow)" "POST"

# --- bad input gets a page with the right status ---
request GET "/cgi-bin/attempt?id=abc"
check "non-numeric attempt id rejected" sh -c "[ $status = 400 ] || [ $status = 404 ]"
check "error page is not blank" test -s "$work/body"
request GET "/cgi-bin/start?quiz=khong/co"
check_equal "unknown test" "$status" 404
request POST /cgi-bin/logout --data "csrf=wrong"
check_equal "logout with a wrong CSRF token is forbidden" "$status" 403
head -c 300000 /dev/zero | tr '\0' 'a' > "$work/big"
request POST /cgi-bin/login --data-binary "@$work/big"
check_equal "oversized body" "$status" 413
status=$(curl -s -o "$work/body" -w '%{http_code}' "$base/static/")
check_equal "folder listing is forbidden" "$status" 403
check_contains "server's 403 page is Vietnamese" "$work/body" "Không được phép truy cập"
status=$(curl -s -o "$work/body" -w '%{http_code}' --path-as-is "$base/%ff")
check_equal "invalid path status" "$status" 400
check_contains "server's 400 page is Vietnamese" "$work/body" "Yêu cầu không hợp lệ"
request GET "/cgi-bin/login?next=%FF"
check_equal "invalid UTF-8 in the query" "$status" 400

# --- logout ends the session ---
request GET /cgi-bin/account
csrf=$(hidden csrf)
request POST /cgi-bin/logout --data-urlencode "csrf=$csrf"
check_equal "logout status" "$status" 303
request GET /cgi-bin/account
check_equal "account after logout redirects to login" "$status" 303

check "CGI programs logged no crash" sh -c "! cat '$state'/lighttpd-*.log | grep -qiE 'segfault|sanitizer|abort'"
summary e2e
