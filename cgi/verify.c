/* verify.c - the public check of a certificate token (GET ?t=...), reached from the QR code.
 *
 * The page always states its verdict, with a marker for tests and scripts:
 * data-verify="valid", "revoked" or "invalid". An invalid token still gets
 * status 200, because phone browsers that scan the QR code may show their own
 * error page instead of ours for a 4xx; only a request with no token at all
 * gets 400. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cert.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "timefmt.h"

/* Revocation details of a serial from this database. */
struct revocation {
	int revoked;
	char on[11];          /* dd/mm/yyyy, Vietnam date */
	char reason[512];
};

/* Stores in token[0..size) the token of value, which may be the whole
 * verify URL pasted into the form: then the token is what follows "t=". */
static void extract_token(char *token, size_t size, const char *value)
{
	const char *start = value, *p = value, *end;

	while ((p = strstr(p, "t=")) != NULL) {
		if (p == value || p[-1] == '?' || p[-1] == '&')
			start = p + 2;
		p += 2;
	}
	while (*start == ' ')
		start++;
	end = start + strcspn(start, "&# ");
	snprintf(token, size, "%.*s", (int)(end - start), start);
}

static int find_revocation(sqlite3 *db, struct revocation *out, const char *serial)
{
	sqlite3_stmt *stmt = NULL;
	time_t at;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &stmt, "SELECT revoked_at, coalesce(revoke_reason, '') "
				    "FROM certificates WHERE serial = ? AND revoked_at IS NOT NULL")) < 0)
		return rc;
	db_bind_text(stmt, 1, serial);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		out->revoked = 1;
		if (time_parse_iso_utc(&at, db_column_text(stmt, 0)) == K_OK)
			time_vn_date(out->on, at);
		snprintf(out->reason, sizeof(out->reason), "%s", db_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	return K_OK;
}

/* Adds the verdict on a well-formed request to data. Returns K_EIO when the
 * public key cannot be read, which is the server's fault, not the token's. */
static int check_token(struct cgi *c, json_t *data, const char *token)
{
	struct cert_claims claims;
	struct revocation revocation;
	unsigned char pk[32];
	char date[11];
	int rc;

	if (cert_key_load_public(pk, c->config.key_dir) != CERT_OK) {
		log_error("cannot load the certificate public key from %s", c->config.key_dir);
		return K_EIO;
	}
	if (cert_token_verify(&claims, token, strlen(token), pk) != CERT_OK) {
		log_warn("an invalid certificate token was checked from %s", c->request.remote_addr);
		json_object_set_new(data, "invalid", json_true());
		json_object_set_new(data, "show_form", json_true());
		return K_OK;
	}
	/* NOTE: a serial that this database does not know still verifies: the
	 * token carries its own claims and signature (say, after a restore from
	 * an older backup). Only a revocation recorded here can overrule it. */
	if ((rc = find_revocation(c->db, &revocation, claims.serial)) < 0)
		return rc;
	if (cert_date_display(date, claims.issued_on) != CERT_OK)
		snprintf(date, sizeof(date), "%s", claims.issued_on);
	json_object_set_new(data, "claims", json_pack("{s:s, s:s, s:s, s:s}", "holder", claims.holder,
						      "course", claims.course, "issued_on", date,
						      "serial", claims.serial));
	if (revocation.revoked) {
		json_object_set_new(data, "revoked", json_true());
		json_object_set_new(data, "revoked_on", json_string(revocation.on));
		json_object_set_new(data, "revoke_reason", json_string(revocation.reason));
	} else {
		json_object_set_new(data, "valid", json_true());
	}
	log_info("certificate %s checked: %s", claims.serial, revocation.revoked ? "revoked" : "valid");
	return K_OK;
}

static void handle(struct cgi *c)
{
	const char *value = http_param(&c->request.query, "t");
	char token[CERT_TOKEN_MAX + 2];
	json_t *data;

	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		cgi_error(c, 405, "error_method");
		return;
	}
	data = json_pack("{s:{s:s}}", "page", "title", view_string(&c->view, "verify_title"));
	if (data == NULL) {
		cgi_error(c, 500, "error_server");
		return;
	}
	extract_token(token, sizeof(token), value ? value : "");
	if (token[0] == '\0') {
		json_object_set_new(data, "missing", json_true());
		json_object_set_new(data, "show_form", json_true());
		cgi_page(c, 400, "verify", data);
		return;
	}
	/* A token over CERT_TOKEN_MAX was cut by extract_token, and fails below. */
	if (check_token(c, data, token) < 0) {
		json_decref(data);
		cgi_error(c, 500, "error_server");
		return;
	}
	cgi_page(c, 200, "verify", data);
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "verify") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
