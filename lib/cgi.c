/* cgi.c - the shared frame of every CGI program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"

/* The last-resort response when even the theme cannot be loaded. */
static void send_plain_error(int status)
{
	static const char body[] =
		"Hệ thống đang gặp sự cố. Vui lòng thử lại sau.\n"
		"The service is unavailable. Please try again later.\n";

	http_send(status, "text/plain; charset=utf-8", NULL, body, sizeof(body) - 1);
}

static void load_site(struct cgi *c)
{
	char *text = db_setting_get(c->db, "site");
	char *commit = db_setting_get(c->db, "build_commit");
	json_error_t error;

	if (text) {
		json_t *site = json_loads(text, 0, &error);

		if (site)
			view_set_site(&c->view, site);
		else
			log_error("settings: site is not valid JSON: %s", error.text);
	}
	if (commit) {
		json_object_set_new(c->view.build, "commit_short", json_stringn(commit, strlen(commit) < 10 ? strlen(commit) : 10));
	}
	free(text);
	free(commit);
}

static int open_view(struct cgi *c)
{
	struct buf errors = BUF_INIT;
	char *lang = c->db ? db_setting_get(c->db, "language") : NULL;
	int rc = view_open(&c->view, c->config.theme_dir, lang ? lang : "vi", &errors);

	if (rc < 0)
		log_error("cannot load the theme: %s", buf_cstr(&errors));
	else
		c->view_ready = 1;
	free(lang);
	buf_free(&errors);
	return rc;
}

/* Loads the theme once; later calls return the first result. */
static int ensure_view(struct cgi *c)
{
	if (!c->view_ready && !c->view_tried) {
		c->view_tried = 1;
		if (c->db && open_view(c) == K_OK)
			load_site(c);
	}
	return c->view_ready ? K_OK : K_EIO;
}

int cgi_begin(struct cgi *c, const char *program)
{
	int rc = cgi_begin_without_theme(c, program);

	if (rc == K_OK && ensure_view(c) < 0) {
		send_plain_error(503);
		return K_EIO;
	}
	return rc;
}

int cgi_begin_without_theme(struct cgi *c, const char *program)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->program = program;
	log_init(program);
	if (sodium_init() < 0) {
		log_error("libsodium cannot be initialised");
		send_plain_error(500);
		return K_EINVAL;
	}
	if (config_load(&c->config) < 0) {
		log_error("KHOA_STATE, KHOA_THEME or KHOA_BASE_URL is too long");
		send_plain_error(500);
		return K_EINVAL;
	}

	if (db_open(&c->db, c->config.db_path, 0) < 0) {
		send_plain_error(503);
		return K_EDB;
	}

	rc = http_request_read(&c->request, HTTP_MAX_BODY);
	/* A TLS proxy or CDN in front of the server may talk plain HTTP to it,
	 * so HTTPS is unset here although the browser uses TLS. The base URL is
	 * the address browsers use, so an https:// base URL also makes the
	 * cookies Secure. */
	if (http_base_url_is_https(c->config.base_url))
		c->request.https = 1;
	if (rc == K_ETOOBIG) {
		cgi_error(c, 413, "error_too_large");
		return rc;
	}
	if (rc < 0) {
		cgi_error(c, 400, "error_bad_request");
		return rc;
	}

	c->session_token = http_param(&c->request.cookies, AUTH_SESSION_COOKIE);
	if (c->session_token && auth_session_load(c->db, &c->user, c->session_token) == K_OK)
		c->signed_in = 1;
	return K_OK;
}

void cgi_end(struct cgi *c)
{
	if (c->view_ready)
		view_close(&c->view);
	http_request_free(&c->request);
	db_close(c->db);
	memset(c, 0, sizeof(*c));
}

static json_t *user_json(const struct auth_user *u)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:b}", "full_name", u->full_name,
			 "username", u->username, "role", u->role, "unit", u->unit_name,
			 "is_admin", strcmp(u->role, "admin") == 0);
}

void cgi_page(struct cgi *c, int status, const char *name, json_t *data)
{
	cgi_page_headers(c, status, name, data, NULL);
}

void cgi_page_headers(struct cgi *c, int status, const char *name, json_t *data,
		      const char *extra)
{
	struct buf out = BUF_INIT;

	if (ensure_view(c) < 0) {
		json_decref(data);
		send_plain_error(503);
		return;
	}

	if (data == NULL)
		data = json_object();
	if (c->signed_in) {
		json_object_set_new(data, "user", user_json(&c->user));
		json_object_set_new(data, "csrf", json_string(c->user.csrf));
	}

	if (data == NULL || view_render_page(&c->view, &out, name, data) < 0) {
		log_error("cannot render the template %s", name);
		send_plain_error(500);
	} else {
		http_send(status, "text/html; charset=utf-8", extra, out.data, out.len);
	}
	json_decref(data);
	buf_free(&out);
}

/* Sends the error page of key with an optional link (url and the interface
 * string link_key) and extra header lines (NULL for none). */
static void error_page(struct cgi *c, int status, const char *key, const char *url,
		       const char *link_key, const char *extra)
{
	struct buf title = BUF_INIT, message = BUF_INIT;
	json_t *data;

	if (ensure_view(c) < 0) {
		send_plain_error(status);
		return;
	}
	buf_printf(&title, "%s_title", key);
	buf_printf(&message, "%s_message", key);
	data = json_pack("{s:{s:s}, s:s, s:i}", "page", "title",
			 view_string(&c->view, buf_cstr(&title)), "message",
			 view_string(&c->view, buf_cstr(&message)), "status", status);
	if (data && url)
		json_object_set_new(data, "link", json_pack("{s:s, s:s}", "url", url, "label",
							    view_string(&c->view, link_key)));
	cgi_page_headers(c, status, "error", data, extra);
	buf_free(&title);
	buf_free(&message);
}

void cgi_error(struct cgi *c, int status, const char *key)
{
	error_page(c, status, key, NULL, NULL, NULL);
}

void cgi_method_not_allowed(struct cgi *c, const char *allow)
{
	struct buf header = BUF_INIT;

	buf_printf(&header, "Allow: %s\r\n", allow);
	error_page(c, 405, "error_method", NULL, NULL, buf_cstr(&header));
	buf_free(&header);
}

const char *cgi_request_uri(void)
{
	const char *uri = getenv("REQUEST_URI");

	return uri && http_safe_redirect(uri) ? uri : "/";
}

/* Redirects to path with ?next= the current URI. */
static void redirect_back_later(const char *path)
{
	struct buf location = BUF_INIT;
	const char *uri = cgi_request_uri();

	if (buf_printf(&location, "%s?next=", path) < 0 ||
	    buf_append_urlenc(&location, uri, strlen(uri)) < 0)
		http_redirect(path, NULL);
	else
		http_redirect(buf_cstr(&location), NULL);
	buf_free(&location);
}

/* Returns 1 when the signed-in user may use this program. A user with a
 * one-time password may only change it, log out and read /cgi-bin/me, so
 * that the password someone else handed out stops working at first use. */
static int password_gate(struct cgi *c)
{
	static const char *const exempt[] = {"password", "logout", "me"};
	size_t i;

	if (!c->user.must_change_password)
		return 1;
	for (i = 0; i < sizeof(exempt) / sizeof(exempt[0]); i++)
		if (c->program && strcmp(c->program, exempt[i]) == 0)
			return 1;
	if (strcmp(c->request.method, "GET") == 0 || strcmp(c->request.method, "HEAD") == 0) {
		redirect_back_later("/cgi-bin/password");
	} else {
		/* A POST cannot be replayed after a redirect, so it is rejected. */
		log_warn("user %lld must change the password before using %s",
			 (long long)c->user.id, c->program ? c->program : "?");
		error_page(c, 403, "error_password_change", "/cgi-bin/password",
			   "account_change_password", NULL);
	}
	return 0;
}

int cgi_require_login(struct cgi *c)
{
	if (!c->signed_in) {
		redirect_back_later("/cgi-bin/login");
		return 0;
	}
	return password_gate(c);
}

int cgi_require_post(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") != 0) {
		cgi_method_not_allowed(c, "POST");
		return 0;
	}
	if (!c->signed_in ||
	    !auth_csrf_equal(c->user.csrf, http_param(&c->request.form, "csrf"))) {
		log_warn("rejected a POST without a valid CSRF token from %s",
			 c->request.remote_addr);
		cgi_error(c, 403, "error_csrf");
		return 0;
	}
	return password_gate(c);
}
