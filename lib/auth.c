/* auth.c - passwords, sessions and CSRF tokens over the users and sessions tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "text.h"
#include "timefmt.h"

/* Verified against when the user name is unknown, so that a wrong name costs
 * as much time as a wrong password. Computed once per process. */
static char dummy_hash[crypto_pwhash_STRBYTES];

void auth_random_token(char out[AUTH_TOKEN_CHARS + 1])
{
	unsigned char raw[AUTH_TOKEN_CHARS / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_CHARS + 1, raw, sizeof(raw));
}

int auth_password_hash(char out[crypto_pwhash_STRBYTES], const char *password)
{
	size_t n = strlen(password);

	if (n < AUTH_PASSWORD_MIN || n > AUTH_PASSWORD_MAX)
		return K_EINVAL;
	if (crypto_pwhash_str_alg(out, password, n, AUTH_ARGON2_PASSES,
				  AUTH_ARGON2_MEMORY, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return K_ENOMEM;
	return K_OK;
}

int auth_password_verify(const char *hash, const char *password)
{
	if (crypto_pwhash_str_verify(hash, password, strlen(password)) == 0)
		return K_OK;
	return K_EPERM;
}

static int count_rows(sqlite3 *db, int *count, const char *sql, const char *username,
		      const char *remote_addr, const char *since)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*count = 0;
	if ((rc = db_prepare(db, &stmt, sql)) < 0)
		return rc;
	db_bind_text(stmt, 1, username);
	db_bind_text(stmt, 2, since);
	if (remote_addr)
		db_bind_text(stmt, 3, remote_addr);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*count = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return K_OK;
}

/* Checks the lockout and records this try as a failure, in one write
 * transaction: parallel requests queue on the lock, so no more than the
 * limit get past the count. A successful login deletes the row again. */
static int reserve_try(sqlite3 *db, const char *username, const char *remote_addr)
{
	sqlite3_stmt *stmt = NULL;
	char now[21], since[21];
	int from_addr, from_all, rc;
	time_t t = time(NULL);

	time_iso_utc(now, t);
	time_iso_utc(since, t - AUTH_FAILURE_WINDOW_SECONDS);
	if ((rc = db_begin(db)) < 0)
		return rc;
	if ((rc = count_rows(db, &from_all, "SELECT count(*) FROM login_failures "
			     "WHERE username = ? AND at >= ?", username, NULL, since)) < 0 ||
	    (rc = count_rows(db, &from_addr, "SELECT count(*) FROM login_failures "
			     "WHERE username = ? AND at >= ? AND remote_addr = ?",
			     username, remote_addr, since)) < 0)
		goto fail;
	if (from_addr >= AUTH_MAX_FAILURES || from_all >= AUTH_MAX_FAILURES_ALL_ADDRESSES) {
		log_warn("login of %s from %s rejected: too many failed logins", username, remote_addr);
		rc = K_ETOOBIG;
		goto fail;
	}

	if ((rc = db_prepare(db, &stmt, "INSERT INTO login_failures (username, remote_addr, at) "
				    "VALUES (?, ?, ?)")) < 0)
		goto fail;
	db_bind_text(stmt, 1, username);
	db_bind_text(stmt, 2, remote_addr);
	db_bind_text(stmt, 3, now);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	if (rc == K_OK)
		return db_commit(db);

fail:
	db_rollback(db);
	return rc;
}

static void record_success(sqlite3 *db, int64_t user_id, const char *username,
			   const char *remote_addr)
{
	sqlite3_stmt *stmt = NULL;
	char now[21];

	time_iso_utc(now, time(NULL));
	if (db_prepare(db, &stmt, "UPDATE users SET last_login_at = ? WHERE id = ?") == K_OK) {
		db_bind_text(stmt, 1, now);
		sqlite3_bind_int64(stmt, 2, user_id);
		sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
	/* Only this address's count is cleared: a login of the real user must
	 * not hand fresh guesses to someone failing from elsewhere. */
	if (db_prepare(db, &stmt, "DELETE FROM login_failures WHERE username = ? "
				 "AND remote_addr = ?") == K_OK) {
		db_bind_text(stmt, 1, username);
		db_bind_text(stmt, 2, remote_addr);
		sqlite3_step(stmt);
		sqlite3_finalize(stmt);
	}
}

int auth_username_canonical(char out[AUTH_USERNAME_MAX + 1], const char *username)
{
	size_t start = 0, end = strlen(username), n;

	out[0] = '\0';
	while (start < end && (username[start] == ' ' || username[start] == '\t'))
		start++;
	while (end > start && (username[end - 1] == ' ' || username[end - 1] == '\t'))
		end--;
	n = end - start;
	if (n < AUTH_USERNAME_MIN || n > AUTH_USERNAME_MAX)
		return K_EINVAL;

	for (size_t i = 0; i < n; i++) {
		char c = username[start + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-' || c == '@')) {
			out[0] = '\0';
			return K_EINVAL;
		}
		out[i] = c;
	}
	out[n] = '\0';
	return K_OK;
}

static int lookup_user(sqlite3 *db, const char *username, int64_t *id, char *hash, size_t size,
		       int *active)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*id = 0;
	*active = 0;
	if ((rc = db_prepare(db, &stmt, "SELECT id, password_hash, active FROM users "
				    "WHERE username = ?")) < 0)
		return rc;
	db_bind_text(stmt, 1, username);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		snprintf(hash, size, "%s", db_column_text(stmt, 1));
		*active = sqlite3_column_int(stmt, 2);
	}
	sqlite3_finalize(stmt);
	return K_OK;
}

int auth_login(sqlite3 *db, int64_t *user_id, const char *username, const char *password,
	       const char *remote_addr)
{
	char name[AUTH_USERNAME_MAX + 1], hash[crypto_pwhash_STRBYTES] = "";
	int64_t id = 0;
	int active = 0, rc;

	*user_id = 0;
	/* A name that cannot exist still costs one hash, like a wrong password. */
	if (auth_username_canonical(name, username) < 0)
		snprintf(name, sizeof(name), "%s", "?");
	if ((rc = reserve_try(db, name, remote_addr ? remote_addr : "")) < 0)
		return rc;
	if ((rc = lookup_user(db, name, &id, hash, sizeof(hash), &active)) < 0)
		return rc;

	if (id == 0) {
		if (dummy_hash[0] == '\0' &&
		    auth_password_hash(dummy_hash, "khoa-timing-equaliser") < 0)
			return K_ENOMEM;
		auth_password_verify(dummy_hash, password);
		return K_EPERM;
	}
	if (auth_password_verify(hash, password) != K_OK || !active)
		return K_EPERM;
	record_success(db, id, name, remote_addr ? remote_addr : "");
	*user_id = id;
	return K_OK;
}

static void token_digest(unsigned char out[crypto_hash_sha256_BYTES], const char *token)
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int auth_session_create(sqlite3 *db, char token[AUTH_TOKEN_CHARS + 1], int64_t user_id)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	char csrf[AUTH_TOKEN_CHARS + 1], now[21], expires[21];
	sqlite3_stmt *stmt = NULL;
	time_t t = time(NULL);
	int rc;

	auth_random_token(token);
	auth_random_token(csrf);
	token_digest(digest, token);
	time_iso_utc(now, t);
	time_iso_utc(expires, t + AUTH_SESSION_SECONDS);

	if ((rc = db_prepare(db, &stmt, "INSERT INTO sessions (token_hash, user_id, csrf_token, "
				    "created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) < 0)
		return rc;
	sqlite3_bind_blob(stmt, 1, digest, sizeof(digest), SQLITE_TRANSIENT);
	sqlite3_bind_int64(stmt, 2, user_id);
	db_bind_text(stmt, 3, csrf);
	db_bind_text(stmt, 4, now);
	db_bind_text(stmt, 5, expires);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot create a session: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

static int token_well_formed(const char *token)
{
	size_t i;

	if (token == NULL || strlen(token) != AUTH_TOKEN_CHARS)
		return 0;
	for (i = 0; i < AUTH_TOKEN_CHARS; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return 0;
	return 1;
}

int auth_session_load(sqlite3 *db, struct auth_user *user, const char *token)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	sqlite3_stmt *stmt = NULL;
	char now[21];
	int rc;

	memset(user, 0, sizeof(*user));
	if (!token_well_formed(token))
		return K_ENOTFOUND;
	token_digest(digest, token);
	time_iso_utc(now, time(NULL));

	if ((rc = db_prepare(db, &stmt,
			     "SELECT u.id, u.username, u.full_name, u.role, "
			     "coalesce(n.name, ''), u.must_change_password, s.csrf_token "
			     "FROM sessions s JOIN users u ON u.id = s.user_id "
			     "LEFT JOIN units n ON n.id = u.unit_id "
			     "WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1")) < 0)
		return rc;
	sqlite3_bind_blob(stmt, 1, digest, sizeof(digest), SQLITE_TRANSIENT);
	db_bind_text(stmt, 2, now);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		user->id = sqlite3_column_int64(stmt, 0);
		snprintf(user->username, sizeof(user->username), "%s", db_column_text(stmt, 1));
		snprintf(user->full_name, sizeof(user->full_name), "%s", db_column_text(stmt, 2));
		snprintf(user->role, sizeof(user->role), "%s", db_column_text(stmt, 3));
		snprintf(user->unit_name, sizeof(user->unit_name), "%s", db_column_text(stmt, 4));
		user->must_change_password = sqlite3_column_int(stmt, 5);
		snprintf(user->csrf, sizeof(user->csrf), "%s", db_column_text(stmt, 6));
		rc = K_OK;
	} else {
		rc = rc == SQLITE_DONE ? K_ENOTFOUND : K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int auth_session_destroy(sqlite3 *db, const char *token)
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (!token_well_formed(token))
		return K_OK;
	token_digest(digest, token);
	if ((rc = db_prepare(db, &stmt, "DELETE FROM sessions WHERE token_hash = ?")) < 0)
		return rc;
	sqlite3_bind_blob(stmt, 1, digest, sizeof(digest), SQLITE_TRANSIENT);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}

int auth_csrf_equal(const char *expected, const char *submitted)
{
	size_t n;

	if (expected == NULL || submitted == NULL)
		return 0;
	n = strlen(expected);
	if (n == 0 || strlen(submitted) != n)
		return 0;
	return sodium_memcmp(expected, submitted, n) == 0;
}

static int valid_role(const char *role)
{
	return strcmp(role, "learner") == 0 || strcmp(role, "manager") == 0 ||
	       strcmp(role, "editor") == 0 || strcmp(role, "admin") == 0;
}

/* A full name is printed on certificates: no control characters, and short
 * enough for the signed token in the QR code. */
static int valid_full_name(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > AUTH_FULL_NAME_MAX)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return name[0] != ' ' && name[n - 1] != ' ';
}

int auth_user_create(sqlite3 *db, int64_t *user_id, const char *username,
		     const char *full_name, const char *role, const char *password,
		     int must_change_password)
{
	char hash[crypto_pwhash_STRBYTES], now[21], name[AUTH_USERNAME_MAX + 1];
	char *full = NULL;
	sqlite3_stmt *stmt = NULL;
	int rc;

	*user_id = 0;
	if (auth_username_canonical(name, username) < 0 || !valid_role(role) ||
	    text_nfc(&full, full_name, strlen(full_name)) < 0)
		return K_EINVAL;
	if (!valid_full_name(full)) {
		free(full);
		return K_EINVAL;
	}
	if ((rc = auth_password_hash(hash, password)) < 0) {
		free(full);
		return rc;
	}
	time_iso_utc(now, time(NULL));

	if ((rc = db_prepare(db, &stmt, "INSERT INTO users (username, full_name, role, "
				    "password_hash, must_change_password, created_at) "
				    "VALUES (?, ?, ?, ?, ?, ?)")) < 0) {
		free(full);
		return rc;
	}
	db_bind_text(stmt, 1, name);
	db_bind_text(stmt, 2, full);
	db_bind_text(stmt, 3, role);
	db_bind_text(stmt, 4, hash);
	sqlite3_bind_int(stmt, 5, must_change_password ? 1 : 0);
	db_bind_text(stmt, 6, now);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE) {
		*user_id = sqlite3_last_insert_rowid(db);
		rc = K_OK;
	} else if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_UNIQUE) {
		rc = K_ECONFLICT;
	} else {
		log_error("cannot create user %s: %s", name, sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	free(full);
	return rc;
}

int auth_user_set_password(sqlite3 *db, int64_t user_id, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = auth_password_hash(hash, password)) < 0)
		return rc;
	if ((rc = db_prepare(db, &stmt, "UPDATE users SET password_hash = ?, "
				    "must_change_password = 0 WHERE id = ?")) < 0)
		return rc;
	db_bind_text(stmt, 1, hash);
	sqlite3_bind_int64(stmt, 2, user_id);
	rc = sqlite3_step(stmt) == SQLITE_DONE && sqlite3_changes(db) == 1 ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}
