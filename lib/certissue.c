/* certissue.c - the certificate row and its signed token, written inside the grading transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cert.h"
#include "certissue.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "timefmt.h"

static int has_certificate(sqlite3 *db, int *has, int64_t user_id, int64_t course_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*has = 0;
	if ((rc = db_prepare(db, &stmt, "SELECT 1 FROM certificates "
				    "WHERE user_id = ? AND course_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, course_id);
	rc = sqlite3_step(stmt);
	*has = rc == SQLITE_ROW;
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}

/* Copies a name into a claim field; a name that does not fit is an error,
 * because a certificate must not carry a cut name. */
static int copy_claim(char *out, size_t size, const char *value)
{
	if (strlen(value) >= size)
		return K_EINVAL;
	memcpy(out, value, strlen(value) + 1);
	return K_OK;
}

/* Fills the holder and course claims from the users and courses rows. */
static int load_names(sqlite3 *db, struct cert_claims *claims, int64_t user_id, int64_t course_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "SELECT u.full_name, c.certificate_title "
				    "FROM users u, courses c WHERE u.id = ? AND c.id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, course_id);
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		rc = K_EDB;
	} else if (copy_claim(claims->holder, sizeof(claims->holder), db_column_text(stmt, 0)) < 0 ||
		   copy_claim(claims->course, sizeof(claims->course), db_column_text(stmt, 1)) < 0) {
		log_error("user %lld: the full name or the certificate title of course %lld "
			  "is too long for a certificate", (long long)user_id, (long long)course_id);
		rc = K_EINVAL;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Inserts the row without serial and token, which depend on its id. */
static int insert_row(sqlite3 *db, int64_t *id, int64_t user_id, int64_t course_id,
		      int64_t attempt_id, const struct cert_claims *claims, time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char issued_at[21];
	int rc;

	time_iso_utc(issued_at, now);
	if ((rc = db_prepare(db, &stmt, "INSERT INTO certificates (user_id, course_id, attempt_id, "
				    "holder_name, course_title, issued_on, issued_at) "
				    "VALUES (?, ?, ?, ?, ?, ?, ?)")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, course_id);
	sqlite3_bind_int64(stmt, 3, attempt_id);
	db_bind_text(stmt, 4, claims->holder);
	db_bind_text(stmt, 5, claims->course);
	db_bind_text(stmt, 6, claims->issued_on);
	db_bind_text(stmt, 7, issued_at);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	*id = rc == K_OK ? sqlite3_last_insert_rowid(db) : 0;
	sqlite3_finalize(stmt);
	return rc;
}

/* Signs the claims with the secret key, which is wiped from memory after. */
static int sign_claims(char **token, const struct cert_claims *claims, const char *key_dir)
{
	unsigned char sk[64];
	int rc;

	*token = NULL;
	if (cert_key_load_secret(sk, key_dir) != CERT_OK) {
		log_error("cannot load the certificate signing key from %s", key_dir);
		return K_EIO;
	}
	rc = cert_token_sign(token, claims, sk);
	sodium_memzero(sk, sizeof(sk));
	if (rc == CERT_OK)
		return K_OK;
	log_error("cannot sign certificate %s: %s", claims->serial, cert_strerror(rc));
	if (rc == CERT_ENOMEM)
		return K_ENOMEM;
	if (rc == CERT_EINVAL)
		return K_EINVAL;
	return K_EIO;
}

static int store_token(sqlite3 *db, int64_t id, const char *serial, const char *token,
		       int64_t user_id, time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char at[21];
	int rc;

	if ((rc = db_prepare(db, &stmt, "UPDATE certificates SET serial = ?, token = ? "
				    "WHERE id = ?")) < 0)
		return rc;
	db_bind_text(stmt, 1, serial);
	db_bind_text(stmt, 2, token);
	sqlite3_bind_int64(stmt, 3, id);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	if (rc < 0 || (rc = db_prepare(db, &stmt, "INSERT INTO audit_log (at, user_id, action, "
					      "detail) VALUES (?, ?, 'certificate_issued', ?)")) < 0)
		return rc;
	time_iso_utc(at, now);
	db_bind_text(stmt, 1, at);
	sqlite3_bind_int64(stmt, 2, user_id);
	db_bind_text(stmt, 3, serial);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}

/* Writes "KHOA-<year>-<id, 6 digits or more>-<5 random characters>". The
 * random part keeps the public serial lookup from being walked through
 * consecutive ids to list every holder's name: a guess must also hit one of
 * 32^5 (about 33 million) suffixes. Look-alike characters (0/O, 1/I) are
 * left out because people type serials from a printed certificate. */
static void serial_format(char serial[CERT_SERIAL_MAX], int year, int64_t id)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char suffix[CERTISSUE_SERIAL_SUFFIX + 1];

	for (int i = 0; i < CERTISSUE_SERIAL_SUFFIX; i++)
		suffix[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	suffix[CERTISSUE_SERIAL_SUFFIX] = '\0';
	snprintf(serial, CERT_SERIAL_MAX, "KHOA-%04d-%06lld-%s", year % 10000, (long long)id, suffix);
}

int certissue_issue(sqlite3 *db, int64_t *certificate_id, int64_t user_id, int64_t course_id,
		    int64_t attempt_id, const char *key_dir, time_t now)
{
	struct cert_claims claims;
	char *token = NULL;
	int64_t id = 0;
	int has, rc;

	*certificate_id = 0;
	memset(&claims, 0, sizeof(claims));
	if ((rc = has_certificate(db, &has, user_id, course_id)) < 0 || has)
		goto cleanup;
	time_vn_iso_date(claims.issued_on, now);
	if ((rc = load_names(db, &claims, user_id, course_id)) < 0 ||
	    (rc = insert_row(db, &id, user_id, course_id, attempt_id, &claims, now)) < 0)
		goto cleanup;
	serial_format(claims.serial, atoi(claims.issued_on), id);
	if ((rc = sign_claims(&token, &claims, key_dir)) < 0 ||
	    (rc = store_token(db, id, claims.serial, token, user_id, now)) < 0)
		goto cleanup;
	*certificate_id = id;
	log_info("issued certificate %s to user %lld for course %lld (attempt %lld)",
		 claims.serial, (long long)user_id, (long long)course_id, (long long)attempt_id);

cleanup:
	if (rc == K_EDB)
		log_error("cannot issue a certificate to user %lld for course %lld: %s",
			  (long long)user_id, (long long)course_id, sqlite3_errmsg(db));
	free(token);
	return rc;
}
