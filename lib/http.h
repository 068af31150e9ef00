/* http.h - the CGI side of HTTP: reading a request, writing a response.
 *
 * Every query, form and cookie value is percent-decoded, checked to be valid
 * UTF-8 and normalised to NFC before a program sees it. */
#ifndef KHOA_HTTP_H
#define KHOA_HTTP_H

#include <stddef.h>

/* The largest request body a CGI program reads; larger requests get 413. */
#ifndef HTTP_MAX_BODY
#define HTTP_MAX_BODY (256 * 1024)
#endif

/* Most fields accepted in one query string or form body. */
#define HTTP_MAX_PARAMS 512

struct http_param {
	char *name;
	char *value;
};

struct http_params {
	struct http_param *items;
	size_t count;
};

struct http_request {
	const char *method;       /* "GET", "POST"...; never NULL */
	const char *path_info;    /* "" when absent */
	const char *remote_addr;  /* "" when absent */
	int https;                /* served over TLS: cookies get Secure */
	struct http_params query;
	struct http_params form;  /* application/x-www-form-urlencoded body */
	struct http_params cookies;
};

/* Reads the request from the CGI environment and standard input. Returns
 * K_OK; K_ETOOBIG when CONTENT_LENGTH exceeds max_body; K_EINVAL for a
 * CONTENT_LENGTH that is not a plain decimal ("", "-1", "+5", " 5"), a
 * malformed or non-UTF-8 field, an unsupported body type, or a body shorter
 * than CONTENT_LENGTH. The request is usable (possibly partly filled) and
 * must be freed in every case. */
int http_request_read(struct http_request *req, size_t max_body);
void http_request_free(struct http_request *req);

/* Parses "a=1&b=%C3%A1" (sep '&') or a Cookie header (sep ';') into params. */
int http_params_parse(struct http_params *out, const char *s, size_t len, char sep);
void http_params_free(struct http_params *params);

/* Returns the first value of name, or NULL. */
const char *http_param(const struct http_params *params, const char *name);

/* Parses a decimal id in 1..INT64_MAX; returns 0 when value is not one. */
long long http_parse_id(const char *value);

/* Writes the status line and headers (each "Name: value\r\n" in extra,
 * which may be NULL) and then the body. Pages are never cached by proxies. */
void http_send(int status, const char *content_type, const char *extra,
	       const char *body, size_t len);

/* Sends 303 See Other to location (a path on this site) with extra headers. */
void http_redirect(const char *location, const char *extra);

/* Returns the reason phrase of a status code. */
const char *http_reason(int status);

/* Returns 1 when base_url, the site's public address, starts with
 * "https://" (in any case): browsers then reach the site over TLS, even when
 * a proxy or CDN in front of the server talks plain HTTP to it. */
int http_base_url_is_https(const char *base_url);

/* Builds a Set-Cookie header line (with "\r\n") into out[size]: HttpOnly,
 * SameSite=Lax, Path=/, Secure when https. max_age < 0 omits Max-Age and 0
 * deletes the cookie. Returns K_EINVAL when it does not fit. */
int http_cookie_header(char *out, size_t size, const char *name, const char *value,
		       long max_age, int https);

/* Returns 1 for a local path that is safe to redirect to ("/x", not "//x"). */
int http_safe_redirect(const char *path);

#endif
