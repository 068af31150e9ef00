/* certificate.c - the PNG of a certificate (GET ?serial=...), for its holder or an administrator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cert.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"

/* One certificates row with what the image needs. */
struct certificate_row {
	int64_t user_id;
	struct cert_claims claims;
	struct buf token;
	int revoked;
};

/* Returns 1 for a serial such as "KHOA-2026-000001": capitals, digits and '-'.
 * It also goes into the file name of the download, so nothing else may pass. */
static int serial_valid(const char *serial)
{
	size_t n;

	if (serial == NULL || *serial == '\0' || strlen(serial) >= CERT_SERIAL_MAX)
		return 0;
	for (n = 0; serial[n]; n++)
		if (!((serial[n] >= 'A' && serial[n] <= 'Z') || (serial[n] >= '0' && serial[n] <= '9') ||
		      serial[n] == '-'))
			return 0;
	return 1;
}

static void copy_field(char *out, size_t size, const char *value)
{
	snprintf(out, size, "%s", value);
}

static int load_row(sqlite3 *db, struct certificate_row *row, const char *serial)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "SELECT user_id, issued_on, holder_name, course_title, "
				    "token, revoked_at IS NOT NULL FROM certificates "
				    "WHERE serial = ? AND token IS NOT NULL")) < 0)
		return rc;
	db_bind_text(stmt, 1, serial);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		row->user_id = sqlite3_column_int64(stmt, 0);
		copy_field(row->claims.serial, sizeof(row->claims.serial), serial);
		copy_field(row->claims.issued_on, sizeof(row->claims.issued_on), db_column_text(stmt, 1));
		copy_field(row->claims.holder, sizeof(row->claims.holder), db_column_text(stmt, 2));
		copy_field(row->claims.course, sizeof(row->claims.course), db_column_text(stmt, 3));
		row->revoked = sqlite3_column_int(stmt, 5);
		rc = buf_puts(&row->token, db_column_text(stmt, 4));
	} else {
		rc = rc == SQLITE_DONE ? K_ENOTFOUND : K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Returns the issuer drawn on the image: the site's organisation, else its title. */
static const char *issuer_name(const struct cgi *c)
{
	const char *org = json_string_value(json_object_get(c->view.site, "organization"));
	const char *title = json_string_value(json_object_get(c->view.site, "title"));

	if (org && *org)
		return org;
	if (title && *title)
		return title;
	return "Khoa";
}

static void send_png(struct cgi *c, const struct certificate_row *row)
{
	struct cert_render_input in = {0};
	struct buf url = BUF_INIT;
	unsigned char *png = NULL;
	size_t len = 0;
	char disposition[128];
	int rc;

	/* The token is URL-safe base64, so it goes into the URL as it is. */
	buf_printf(&url, "%s/cgi-bin/verify?t=%s", c->config.base_url, buf_cstr(&row->token));
	in.claims = &row->claims;
	in.verify_url = buf_cstr(&url);
	in.issuer = issuer_name(c);
	rc = cert_render_png(&png, &len, &in);
	if (rc != CERT_OK) {
		log_error("cannot render certificate %s: %s", row->claims.serial, cert_strerror(rc));
		cgi_error(c, 500, "error_server");
	} else {
		snprintf(disposition, sizeof(disposition),
			 "Content-Disposition: inline; filename=\"chung-nhan-%s.png\"\r\n",
			 row->claims.serial);
		http_send(200, "image/png", disposition, (const char *)png, len);
	}
	free(png);
	buf_free(&url);
}

static void handle(struct cgi *c)
{
	const char *serial = http_param(&c->request.query, "serial");
	struct certificate_row row = {0};
	int rc;

	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		cgi_method_not_allowed(c, "GET, HEAD");
		return;
	}
	if (!serial_valid(serial)) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	if (!cgi_require_login(c))
		return;
	rc = load_row(c->db, &row, serial);
	/* Someone else's certificate is "not found", so serials cannot be probed.
	 * A revoked one is no longer handed out as an image that looks valid. */
	if (rc == K_OK && row.user_id != c->user.id && strcmp(c->user.role, "admin") != 0)
		rc = K_ENOTFOUND;
	if (rc == K_ENOTFOUND)
		cgi_error(c, 404, "error_certificate_not_found");
	else if (rc == K_OK && row.revoked)
		cgi_error(c, 410, "error_certificate_revoked");
	else if (rc < 0)
		cgi_error(c, 500, "error_server");
	else
		send_png(c, &row);
	buf_free(&row.token);
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "certificate") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
