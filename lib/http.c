/* http.c - CGI request parsing and response writing. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "http.h"
#include "text.h"

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) ('+' as space when plus_space) and normalises to NFC. */
static int decode_component(char **out, const char *s, size_t len, int plus_space)
{
	char *raw = malloc(len + 1);
	size_t i, n = 0;
	int rc;

	*out = NULL;
	if (raw == NULL)
		return K_ENOMEM;
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
			raw[n++] = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		} else if (s[i] == '%') {
			free(raw);
			return K_EINVAL;
		} else {
			raw[n++] = (plus_space && s[i] == '+') ? ' ' : s[i];
		}
	}
	raw[n] = '\0';
	rc = text_nfc(out, raw, n);
	free(raw);
	return rc;
}

static void trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t'))
		(*s)++, (*len)--;
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		(*len)--;
}

static int params_add(struct http_params *p, const char *name, size_t nlen,
		      const char *value, size_t vlen, int plus_space)
{
	struct http_param *items;
	struct http_param item = {0};
	int rc;

	if (p->count == HTTP_MAX_PARAMS)
		return K_ETOOBIG;
	if ((rc = decode_component(&item.name, name, nlen, plus_space)) < 0 ||
	    (rc = decode_component(&item.value, value, vlen, plus_space)) < 0) {
		free(item.name);
		free(item.value);
		return rc;
	}
	items = realloc(p->items, (p->count + 1) * sizeof(*items));
	if (items == NULL) {
		free(item.name);
		free(item.value);
		return K_ENOMEM;
	}
	p->items = items;
	p->items[p->count++] = item;
	return K_OK;
}

int http_params_parse(struct http_params *out, const char *s, size_t len, char sep)
{
	const char *end = s + len;
	int rc;

	while (s < end) {
		const char *next = memchr(s, sep, (size_t)(end - s));
		const char *stop = next ? next : end;
		const char *eq = memchr(s, '=', (size_t)(stop - s));
		const char *name = s, *value = eq ? eq + 1 : stop;
		size_t nlen = (size_t)((eq ? eq : stop) - s), vlen = (size_t)(stop - value);

		if (sep == ';') {
			/* Cookies: names and values are not form-encoded, only trimmed. */
			trim(&name, &nlen);
			trim(&value, &vlen);
		}
		if (nlen > 0 && (rc = params_add(out, name, nlen, value, vlen, sep == '&')) < 0)
			return rc;
		s = next ? next + 1 : end;
	}
	return K_OK;
}

void http_params_free(struct http_params *params)
{
	size_t i;

	for (i = 0; i < params->count; i++) {
		free(params->items[i].name);
		free(params->items[i].value);
	}
	free(params->items);
	params->items = NULL;
	params->count = 0;
}

const char *http_param(const struct http_params *params, const char *name)
{
	size_t i;

	for (i = 0; i < params->count; i++)
		if (strcmp(params->items[i].name, name) == 0)
			return params->items[i].value;
	return NULL;
}

long long http_parse_id(const char *value)
{
	char *end = NULL;
	long long id;

	if (value == NULL || *value < '1' || *value > '9')
		return 0;
	errno = 0;
	id = strtoll(value, &end, 10);
	if (errno != 0 || *end != '\0' || id <= 0)
		return 0;
	return id;
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v ? v : fallback;
}

/* Parses CONTENT_LENGTH, which RFC 9110 defines as 1*DIGIT: a sign, a space
 * or an empty value is K_EINVAL. A value over max_body, however many digits
 * it has, is K_ETOOBIG. */
static int parse_content_length(size_t *out, const char *length, size_t max_body)
{
	size_t n = 0, digit;
	int too_big = 0;
	const char *p;

	if (*length == '\0')
		return K_EINVAL;
	for (p = length; *p; p++) {
		if (*p < '0' || *p > '9')
			return K_EINVAL;
		digit = (size_t)(*p - '0');
		/* Stops accumulating before n * 10 + digit could pass max_body (and
		 * overflow), but goes on checking that the rest are digits. */
		if (too_big || digit > max_body || n > (max_body - digit) / 10)
			too_big = 1;
		else
			n = n * 10 + digit;
	}
	if (too_big)
		return K_ETOOBIG;
	*out = n;
	return K_OK;
}

/* Reads exactly the CONTENT_LENGTH bytes of a form body. No CONTENT_LENGTH
 * at all means no body. */
static int read_form(struct http_request *req, size_t max_body)
{
	const char *type = env_or("CONTENT_TYPE", "");
	const char *length = getenv("CONTENT_LENGTH");
	char *body;
	size_t n = 0, got;
	int rc;

	if (length == NULL)
		return K_OK;
	if ((rc = parse_content_length(&n, length, max_body)) < 0)
		return rc;
	if (n == 0)
		return K_OK;
	if (strncmp(type, "application/x-www-form-urlencoded", 33) != 0)
		return K_EINVAL;

	if ((body = malloc(n)) == NULL)
		return K_ENOMEM;
	got = fread(body, 1, n, stdin);
	rc = got == n ? http_params_parse(&req->form, body, n, '&') : K_EINVAL;
	free(body);
	return rc;
}

int http_request_read(struct http_request *req, size_t max_body)
{
	const char *query = env_or("QUERY_STRING", "");
	const char *cookie = env_or("HTTP_COOKIE", "");
	const char *https = env_or("HTTPS", "");
	int rc;

	memset(req, 0, sizeof(*req));
	req->method = env_or("REQUEST_METHOD", "GET");
	req->path_info = env_or("PATH_INFO", "");
	req->remote_addr = env_or("REMOTE_ADDR", "");
	req->https = strcmp(https, "on") == 0 || strcmp(https, "1") == 0;

	if ((rc = http_params_parse(&req->query, query, strlen(query), '&')) < 0)
		return rc;
	/* An undecodable cookie (another site's, say) is not the request's fault. */
	if (http_params_parse(&req->cookies, cookie, strlen(cookie), ';') < 0)
		http_params_free(&req->cookies);
	if (strcmp(req->method, "POST") == 0)
		return read_form(req, max_body);
	return K_OK;
}

void http_request_free(struct http_request *req)
{
	http_params_free(&req->query);
	http_params_free(&req->form);
	http_params_free(&req->cookies);
}

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void http_send(int status, const char *content_type, const char *extra,
	       const char *body, size_t len)
{
	printf("Status: %d %s\r\n", status, http_reason(status));
	printf("Content-Type: %s\r\n", content_type);
	printf("Content-Length: %zu\r\n", len);
	printf("Cache-Control: no-store\r\n");
	printf("X-Content-Type-Options: nosniff\r\n");
	printf("Referrer-Policy: same-origin\r\n");
	printf("X-Frame-Options: DENY\r\n");
	if (extra)
		fputs(extra, stdout);
	fputs("\r\n", stdout);
	if (len > 0)
		fwrite(body, 1, len, stdout);
	fflush(stdout);
}

void http_redirect(const char *location, const char *extra)
{
	printf("Status: 303 See Other\r\n");
	printf("Location: %s\r\n", location);
	printf("Cache-Control: no-store\r\n");
	printf("Content-Length: 0\r\n");
	if (extra)
		fputs(extra, stdout);
	fputs("\r\n", stdout);
	fflush(stdout);
}

int http_base_url_is_https(const char *base_url)
{
	return base_url != NULL && strncasecmp(base_url, "https://", 8) == 0;
}

int http_cookie_header(char *out, size_t size, const char *name, const char *value,
		       long max_age, int https)
{
	char age[48] = "";
	int n;

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	n = snprintf(out, size, "Set-Cookie: %s=%s; Path=/; HttpOnly; SameSite=Lax%s%s\r\n",
		     name, value, age, https ? "; Secure" : "");
	return n > 0 && (size_t)n < size ? K_OK : K_EINVAL;
}

int http_safe_redirect(const char *path)
{
	const char *p;

	if (path == NULL || path[0] != '/' || path[1] == '/' || path[1] == '\\')
		return 0;
	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return 0;
	return 1;
}
