/* login.c - the login form and its submission.
 *
 * There is no session before login, so the form is protected by a
 * double-submit cookie: GET sets AUTH_LOGIN_CSRF_COOKIE to a random token
 * and puts the same token in the form, and POST requires the two to match.
 * Another site can make a browser post the form but cannot read or set the
 * cookie, so it cannot log a victim into the attacker's account. */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "buf.h"
#include "cgi.h"
#include "err.h"
#include "http.h"
#include "log.h"

#define USERNAME_MAX 127
#define COOKIE_HEADER_MAX 256

/* Returns next when it is a local path that is safe to go back to, else "". */
static const char *safe_next(const char *next)
{
	return next && strlen(next) < 2048 && http_safe_redirect(next) ? next : "";
}

/* Returns 1 for a user name that is short enough and free of control
 * characters, so it can be written to the log as it is. */
static int username_loggable(const char *username)
{
	const unsigned char *p;

	if (strlen(username) > USERNAME_MAX)
		return 0;
	for (p = (const unsigned char *)username; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* Sends the form with its CSRF cookie header. error_key names the message
 * ("" for none). */
static void send_form(struct cgi *c, int status, const char *csrf, const char *next,
		      const char *username, const char *error_key, const char *extra)
{
	struct buf message = BUF_INIT;
	json_t *data;

	if (*error_key)
		buf_printf(&message, "%s_message", error_key);
	data = json_pack("{s:{s:s}, s:s, s:s, s:s, s:s?}", "page", "title",
			 view_string(&c->view, "login_title"), "login_csrf", csrf, "next", next,
			 "username", username,
			 "error", *error_key ? view_string(&c->view, buf_cstr(&message)) : NULL);
	cgi_page_headers(c, status, "login", data, extra);
	buf_free(&message);
}

/* Returns 1 when value has the form of an auth_random_token token. */
static int token_well_formed(const char *value)
{
	size_t i;

	if (value == NULL || strlen(value) != AUTH_TOKEN_CHARS)
		return 0;
	for (i = 0; i < AUTH_TOKEN_CHARS; i++)
		if (!((value[i] >= '0' && value[i] <= '9') || (value[i] >= 'a' && value[i] <= 'f')))
			return 0;
	return 1;
}

static void show_form(struct cgi *c)
{
	const char *existing = http_param(&c->request.cookies, AUTH_LOGIN_CSRF_COOKIE);
	const char *next = safe_next(http_param(&c->request.query, "next"));
	char token[AUTH_TOKEN_CHARS + 1], cookie[COOKIE_HEADER_MAX];

	if (c->signed_in) {
		http_redirect(*next ? next : "/cgi-bin/account", NULL);
		return;
	}
	/* Keeping the browser's token lets two open login tabs both work. */
	if (token_well_formed(existing))
		memcpy(token, existing, sizeof(token));
	else
		auth_random_token(token);
	/* A browser-session cookie: it lasts as long as the open form may. */
	if (http_cookie_header(cookie, sizeof(cookie), AUTH_LOGIN_CSRF_COOKIE, token, -1,
			       c->request.https) < 0) {
		cgi_error(c, 500, "error_server");
		return;
	}
	send_form(c, 200, token, next, "", "", cookie);
}

/* Builds where to go after login: the password page first when the user
 * must change the password, then next or the account page. */
static int after_login_location(struct buf *out, sqlite3 *db, const char *token, const char *next)
{
	struct auth_user user;

	if (auth_session_load(db, &user, token) < 0)
		return K_EDB;
	if (!user.must_change_password)
		return buf_puts(out, *next ? next : "/cgi-bin/account");
	if (buf_puts(out, "/cgi-bin/password") < 0)
		return K_ENOMEM;
	if (*next == '\0')
		return K_OK;
	if (buf_puts(out, "?next=") < 0)
		return K_ENOMEM;
	return buf_append_urlenc(out, next, strlen(next));
}

static void sign_in(struct cgi *c, int64_t user_id, const char *next)
{
	char token[AUTH_TOKEN_CHARS + 1], session[COOKIE_HEADER_MAX], expired[COOKIE_HEADER_MAX];
	struct buf location = BUF_INIT, headers = BUF_INIT;

	if (auth_session_create(c->db, token, user_id) < 0 ||
	    after_login_location(&location, c->db, token, next) < 0 ||
	    http_cookie_header(session, sizeof(session), AUTH_SESSION_COOKIE, token,
			       AUTH_SESSION_SECONDS, c->request.https) < 0 ||
	    http_cookie_header(expired, sizeof(expired), AUTH_LOGIN_CSRF_COOKIE, "", 0,
			       c->request.https) < 0 ||
	    buf_printf(&headers, "%s%s", session, expired) < 0) {
		log_error("cannot start a session for user %lld", (long long)user_id);
		cgi_error(c, 500, "error_server");
	} else {
		http_redirect(location.data, headers.data);
	}
	buf_free(&location);
	buf_free(&headers);
}

static void submit(struct cgi *c)
{
	const struct http_params *form = &c->request.form;
	const char *csrf = http_param(form, "csrf");
	const char *username = http_param(form, "username");
	const char *password = http_param(form, "password");
	const char *next = safe_next(http_param(form, "next"));
	int64_t user_id = 0;
	int rc;

	if (!auth_csrf_equal(http_param(&c->request.cookies, AUTH_LOGIN_CSRF_COOKIE), csrf)) {
		log_warn("rejected a login without a matching form cookie from %s",
			 c->request.remote_addr);
		cgi_error(c, 403, "error_login_cookie");
		return;
	}
	if (username == NULL || *username == '\0' || password == NULL || *password == '\0') {
		send_form(c, 400, csrf, next, username ? username : "", "error_login_missing", NULL);
		return;
	}
	if (!username_loggable(username) || strlen(password) > AUTH_PASSWORD_MAX) {
		log_warn("login failed: malformed user name or password from %s", c->request.remote_addr);
		send_form(c, 401, csrf, next, "", "error_login_failed", NULL);
		return;
	}

	rc = auth_login(c->db, &user_id, username, password, c->request.remote_addr);
	if (rc == K_OK) {
		log_info("login succeeded for %s (user %lld) from %s", username,
			 (long long)user_id, c->request.remote_addr);
		sign_in(c, user_id, next);
	} else if (rc == K_EPERM) {
		log_warn("login failed for %s from %s", username, c->request.remote_addr);
		send_form(c, 401, csrf, next, username, "error_login_failed", NULL);
	} else if (rc == K_ETOOBIG) {
		log_warn("login locked for %s from %s", username, c->request.remote_addr);
		send_form(c, 429, csrf, next, username, "error_login_locked", NULL);
	} else {
		log_error("login for %s failed: %s", username, k_strerror(rc));
		cgi_error(c, 500, "error_server");
	}
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") == 0)
		submit(c);
	else if (strcmp(c->request.method, "GET") == 0 || strcmp(c->request.method, "HEAD") == 0)
		show_form(c);
	else
		cgi_method_not_allowed(c, "GET, HEAD, POST");
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "login") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
