/* verify.c - the public check of a certificate (GET ?t=...) by its QR token or its serial.
 *
 * t may be the token, the whole verify URL of the QR code, or a serial such
 * as "KHOA-2026-000001-K7QF2", which is looked up in the certificates table. The
 * page always states its verdict, with a marker for tests and scripts:
 * data-verify="valid", "revoked" or "invalid". An invalid token or unknown
 * serial still gets status 200, because phone browsers that scan the QR code
 * may show their own error page instead of ours for a 4xx. Without t the page
 * is the blank form (200); only an empty t gets 400. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cert.h"
#include "certissue.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "ratelimit.h"
#include "timefmt.h"

/* Serial lookups one client may make per window: plenty for a person typing
 * serials, far too few to guess the random part of one. */
#define VERIFY_SERIAL_MAX 30
#define VERIFY_SERIAL_WINDOW_SECONDS 600

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

/* Stores in serial the upper-case form of value when value, without the
 * spaces around it, is a serial as certissue_issue writes it: "KHOA-", the
 * year, "-", the id in at least 6 digits, "-" and CERTISSUE_SERIAL_SUFFIX
 * letters or digits (^KHOA-[0-9]{4}-[0-9]{6,}-[A-Z0-9]{5}$). Letters may be
 * in any case, as people type them. Returns 1 when it is. */
static int parse_serial(char serial[CERT_SERIAL_MAX], const char *value)
{
	size_t start = strspn(value, " \t"), n = strlen(value + start), i, digits;

	while (n > 0 && (value[start + n - 1] == ' ' || value[start + n - 1] == '\t'))
		n--;
	if (n < 16 || n >= CERT_SERIAL_MAX)
		return 0;
	for (i = 0; i < n; i++)
		serial[i] = (char)toupper((unsigned char)value[start + i]);
	serial[n] = '\0';
	if (strncmp(serial, "KHOA-", 5) != 0 || serial[9] != '-')
		return 0;
	for (i = 5; i < 9; i++)
		if (!isdigit((unsigned char)serial[i]))
			return 0;
	digits = strspn(serial + 10, "0123456789");
	if (digits < 6 || 10 + digits + 1 + CERTISSUE_SERIAL_SUFFIX != n || serial[10 + digits] != '-')
		return 0;
	for (i = 10 + digits + 1; i < n; i++)
		if (!isalnum((unsigned char)serial[i]))
			return 0;
	return 1;
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

/* Adds the claims of a certificate and its verdict, valid or revoked by a
 * revocation recorded here, to data. */
static int add_verdict(struct cgi *c, json_t *data, const struct cert_claims *claims)
{
	struct revocation revocation;
	char date[11];
	int rc;

	if ((rc = find_revocation(c->db, &revocation, claims->serial)) < 0)
		return rc;
	if (cert_date_display(date, claims->issued_on) != CERT_OK)
		snprintf(date, sizeof(date), "%s", claims->issued_on);
	json_object_set_new(data, "claims", json_pack("{s:s, s:s, s:s, s:s}", "holder", claims->holder,
						      "course", claims->course, "issued_on", date,
						      "serial", claims->serial));
	if (revocation.revoked) {
		json_object_set_new(data, "revoked", json_true());
		json_object_set_new(data, "revoked_on", json_string(revocation.on));
		json_object_set_new(data, "revoke_reason", json_string(revocation.reason));
	} else {
		json_object_set_new(data, "valid", json_true());
	}
	log_info("certificate %s checked: %s", claims->serial, revocation.revoked ? "revoked" : "valid");
	return K_OK;
}

/* Adds the verdict on a well-formed request to data. Returns K_EIO when the
 * public key cannot be read, which is the server's fault, not the token's. */
static int check_token(struct cgi *c, json_t *data, const char *token)
{
	struct cert_claims claims;
	unsigned char pk[32];

	if (cert_key_load_public(pk, c->config.key_dir) != CERT_OK) {
		log_error("cannot load the certificate public key from %s", c->config.key_dir);
		return K_EIO;
	}
	if (cert_token_verify(&claims, token, strlen(token), pk) != CERT_OK) {
		log_warn("an invalid certificate token was checked from %s", c->request.remote_addr);
		json_object_set_new(data, "invalid", json_true());
		json_object_set_new(data, "show_form", json_true());
		json_object_set_new(data, "show_contact", json_true());
		return K_OK;
	}
	/* NOTE: a serial that this database does not know still verifies: the
	 * token carries its own claims and signature (say, after a restore from
	 * an older backup). Only a revocation recorded here can overrule it. */
	return add_verdict(c, data, &claims);
}

/* Loads the claims of the issued certificate with this serial, as its row
 * keeps them. Returns K_OK, K_ENOTFOUND or K_EDB. */
static int load_claims(sqlite3 *db, struct cert_claims *out, const char *serial)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &stmt, "SELECT holder_name, course_title, issued_on "
				    "FROM certificates WHERE serial = ? AND token IS NOT NULL")) < 0)
		return rc;
	db_bind_text(stmt, 1, serial);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(out->serial, sizeof(out->serial), "%s", serial);
		snprintf(out->holder, sizeof(out->holder), "%s", db_column_text(stmt, 0));
		snprintf(out->course, sizeof(out->course), "%s", db_column_text(stmt, 1));
		snprintf(out->issued_on, sizeof(out->issued_on), "%s", db_column_text(stmt, 2));
		rc = K_OK;
	} else {
		rc = rc == SQLITE_DONE ? K_ENOTFOUND : K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Adds the verdict on a serial to data: the issuer's own register, the
 * certificates table, decides. Returns K_EDB on a database error. Serials
 * end in random characters, so they cannot be guessed from one another,
 * and lookups per client are limited (VERIFY_SERIAL_MAX). */
static int check_serial(struct cgi *c, json_t *data, const char *serial)
{
	struct cert_claims claims;
	int rc = load_claims(c->db, &claims, serial);

	if (rc == K_ENOTFOUND) {
		log_info("certificate %s checked: no such serial", serial);
		json_object_set_new(data, "unknown_serial", json_true());
		json_object_set_new(data, "show_form", json_true());
		json_object_set_new(data, "show_contact", json_true());
		return K_OK;
	}
	if (rc < 0)
		return rc;
	json_object_set_new(data, "register", json_true());
	return add_verdict(c, data, &claims);
}

/* Looks a serial up within the per-client limit; K_ETOOBIG past it. */
static int lookup_serial(struct cgi *c, json_t *data, const char *serial)
{
	int rc = ratelimit_hit(c->db, "verify-serial", c->request.remote_addr,
			       VERIFY_SERIAL_MAX, VERIFY_SERIAL_WINDOW_SECONDS);

	if (rc == K_ETOOBIG)
		log_warn("serial lookups from %s are over the limit", c->request.remote_addr);
	if (rc == K_OK)
		rc = check_serial(c, data, serial);
	return rc;
}

static void handle(struct cgi *c)
{
	const char *value = http_param(&c->request.query, "t");
	char token[CERT_TOKEN_MAX + 2], serial[CERT_SERIAL_MAX];
	json_t *data;
	int rc;

	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		cgi_method_not_allowed(c, "GET, HEAD");
		return;
	}
	data = json_pack("{s:{s:s}}", "page", "title", view_string(&c->view, "verify_title"));
	if (data == NULL) {
		cgi_error(c, 500, "error_server");
		return;
	}
	/* The footer links here without t: the form to type a serial into. */
	if (value == NULL) {
		json_object_set_new(data, "intro", json_true());
		json_object_set_new(data, "show_form", json_true());
		cgi_page(c, 200, "verify", data);
		return;
	}
	extract_token(token, sizeof(token), value);
	if (token[0] == '\0') {
		json_object_set_new(data, "missing", json_true());
		json_object_set_new(data, "show_form", json_true());
		cgi_page(c, 400, "verify", data);
		return;
	}
	/* A token over CERT_TOKEN_MAX was cut by extract_token, and fails below. */
	if (parse_serial(serial, value))
		rc = lookup_serial(c, data, serial);
	else
		rc = check_token(c, data, token);
	if (rc == K_ETOOBIG) {
		json_decref(data);
		cgi_error(c, 429, "error_verify_rate");
		return;
	}
	if (rc < 0) {
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
