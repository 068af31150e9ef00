/* logout.c - ends the session (POST with the session's CSRF token) and expires its cookie. */
#include <string.h>

#include "auth.h"
#include "cgi.h"
#include "http.h"
#include "log.h"

static void expire_cookie_and_leave(struct cgi *c)
{
	char cookie[256];

	if (http_cookie_header(cookie, sizeof(cookie), AUTH_SESSION_COOKIE, "", 0,
			       c->request.https) < 0)
		cookie[0] = '\0';
	http_redirect("/", cookie);
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") != 0) {
		cgi_method_not_allowed(c, "POST");
		return;
	}
	/* Without a valid session there is nothing to end: only clear the cookie. */
	if (!c->signed_in) {
		expire_cookie_and_leave(c);
		return;
	}
	if (!cgi_require_post(c))
		return;
	if (auth_session_destroy(c->db, c->session_token) < 0) {
		log_error("cannot end the session of user %lld", (long long)c->user.id);
		cgi_error(c, 500, "error_server");
		return;
	}
	log_info("user %lld logged out", (long long)c->user.id);
	expire_cookie_and_leave(c);
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "logout") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
