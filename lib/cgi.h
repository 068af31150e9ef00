/* cgi.h - what every CGI program does around its own work: read the request,
 * open the database, load the theme and the signed-in user, respond with a page.
 *
 * A program's main is: cgi_begin, its handler, cgi_end. Once cgi_begin fails
 * it has already responded (with a 4xx/5xx page) and main only calls cgi_end. */
#ifndef KHOA_CGI_H
#define KHOA_CGI_H

#include <sqlite3.h>
#include <jansson.h>

#include "auth.h"
#include "config.h"
#include "http.h"
#include "view.h"

struct cgi {
	const char *program;    /* the name given to cgi_begin: "start", "password"... */
	struct config config;
	struct http_request request;
	sqlite3 *db;
	struct view view;
	int view_ready;
	int view_tried;         /* the theme was loaded, or failed to load, once */
	struct auth_user user;
	int signed_in;          /* user is the user of a valid session */
	const char *session_token;
};

/* Prepares everything; on failure sends an error page and returns < 0. */
int cgi_begin(struct cgi *c, const char *program);

/* Like cgi_begin but loads the theme only when a page or error page is
 * sent, for programs that usually respond without one (JSON, redirects).
 * Parsing the theme's templates and strings is most of a short request. */
int cgi_begin_without_theme(struct cgi *c, const char *program);
void cgi_end(struct cgi *c);

/* Sends template `name` inside the layout with the given status. data is
 * taken over (may be NULL); the user and csrf keys are added to it. */
void cgi_page(struct cgi *c, int status, const char *name, json_t *data);

/* Like cgi_page, with extra header lines ("Name: value\r\n"...), such as a
 * Set-Cookie line. */
void cgi_page_headers(struct cgi *c, int status, const char *name, json_t *data,
		      const char *extra);

/* Sends the error page: a title and message from the interface strings
 * `<key>_title` and `<key>_message`, with the status code. */
void cgi_error(struct cgi *c, int status, const char *key);

/* Sends 405 with an Allow header listing allow ("GET, HEAD", "POST"...). */
void cgi_method_not_allowed(struct cgi *c, const char *allow);

/* Returns 1 when signed in and free to use the program. Otherwise responds
 * and returns 0. A visitor goes to the login page, which comes back to the
 * current URL. A user who must change a one-time password goes to the
 * password page (which also comes back) on a GET or HEAD, and gets 403 on
 * other methods. Only the programs "password", "logout" and "me" let such a
 * user through. */
int cgi_require_login(struct cgi *c);

/* Returns 1 when the request is a POST with the session's CSRF token in the
 * "csrf" field, from a user free to use the program as in
 * cgi_require_login. Otherwise sends 405 or 403 and returns 0. */
int cgi_require_post(struct cgi *c);

/* Returns the current request URI, or "/" when the server did not set it. */
const char *cgi_request_uri(void);

#endif
