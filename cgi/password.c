/* password.c - the signed-in user changes their password. */
#include <string.h>
#include <strings.h>

#include "account.h"
#include "auth.h"
#include "buf.h"
#include "cgi.h"
#include "err.h"
#include "http.h"
#include "log.h"

/* Returns next when it is a local path that is safe to go back to, else "". */
static const char *safe_next(const char *next)
{
	return next && strlen(next) < 2048 && http_safe_redirect(next) ? next : "";
}

/* Sends the form with the message of error_key ("" for none). */
static void send_form(struct cgi *c, int status, const char *next, const char *error_key)
{
	json_t *data = json_pack("{s:{s:s}, s:s, s:b, s:s?}", "page", "title",
				 view_string(&c->view, "password_title"), "next", next,
				 "must_change", c->user.must_change_password,
				 "error", *error_key ? view_string(&c->view, error_key) : NULL);

	cgi_page(c, status, "password", data);
}

/* Returns the string key of the first rule the new password breaks, or NULL. */
static const char *check_new_password(const struct auth_user *user, const char *current,
				      const char *fresh, const char *repeat)
{
	size_t n = strlen(fresh);

	if (*current == '\0' || *fresh == '\0' || *repeat == '\0')
		return "password_error_missing";
	if (n < AUTH_PASSWORD_MIN || n > AUTH_PASSWORD_MAX)
		return "password_error_length";
	if (strcasecmp(fresh, user->username) == 0)
		return "password_error_username";
	if (strcmp(fresh, repeat) != 0)
		return "password_error_repeat";
	if (strcmp(fresh, current) == 0)
		return "password_error_same";
	return NULL;
}

/* Sets the password and the new session cookie, then leaves for next. */
static void change(struct cgi *c, const char *fresh, const char *next)
{
	char token[AUTH_TOKEN_CHARS + 1], cookie[256];

	if (account_change_password(c->db, token, c->user.id, fresh) < 0 ||
	    http_cookie_header(cookie, sizeof(cookie), AUTH_SESSION_COOKIE, token,
			       AUTH_SESSION_SECONDS, c->request.https) < 0) {
		log_error("cannot change the password of user %lld", (long long)c->user.id);
		cgi_error(c, 500, "error_server");
		return;
	}
	log_info("user %lld changed the password", (long long)c->user.id);
	http_redirect(*next ? next : "/cgi-bin/account?password=changed", cookie);
}

static void submit(struct cgi *c)
{
	const struct http_params *form = &c->request.form;
	const char *current = http_param(form, "current"), *fresh = http_param(form, "new");
	const char *repeat = http_param(form, "repeat");
	const char *next = safe_next(http_param(form, "next"));
	const char *problem;
	int64_t user_id = 0;
	int rc;

	problem = check_new_password(&c->user, current ? current : "", fresh ? fresh : "",
				     repeat ? repeat : "");
	if (problem) {
		send_form(c, 400, next, problem);
		return;
	}
	/* auth_login checks the current password and counts a wrong one towards
	 * the login lockout, so this form cannot be used to guess it faster. */
	rc = auth_login(c->db, &user_id, c->user.username, current, c->request.remote_addr);
	if (rc == K_ETOOBIG) {
		send_form(c, 429, next, "error_login_locked_message");
	} else if (rc == K_EPERM || (rc == K_OK && user_id != c->user.id)) {
		log_warn("user %lld gave a wrong current password", (long long)c->user.id);
		send_form(c, 400, next, "password_error_current");
	} else if (rc < 0) {
		cgi_error(c, 500, "error_server");
	} else {
		change(c, fresh, next);
	}
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") == 0) {
		if (cgi_require_post(c))
			submit(c);
	} else if (strcmp(c->request.method, "GET") == 0 || strcmp(c->request.method, "HEAD") == 0) {
		if (cgi_require_login(c))
			send_form(c, 200, safe_next(http_param(&c->request.query, "next")), "");
	} else {
		cgi_method_not_allowed(c, "GET, HEAD, POST");
	}
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "password") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
