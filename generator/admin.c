/* admin.c - `khoa init` and `khoa user add`. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sodium.h>

#include "admin.h"
#include "auth.h"
#include "cert.h"
#include "config.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "msg.h"
#include "timefmt.h"

void admin_random_password(char out[13])
{
	/* No 0/O, 1/l/I: the password is read off a screen and typed. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	for (int i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[12] = '\0';
}

static int open_state_db(sqlite3 **db, const struct config *cfg, int create)
{
	int rc;

	if ((rc = db_open(db, cfg->db_path, create)) < 0)
		return rc;
	if ((rc = db_migrate(*db)) < 0) {
		db_close(*db);
		*db = NULL;
	}
	return rc;
}

static int admin_exists(sqlite3 *db)
{
	sqlite3_stmt *stmt = NULL;
	int found = 0;

	if (db_prepare(db, &stmt, "SELECT 1 FROM users WHERE role = 'admin' LIMIT 1") == K_OK)
		found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return found;
}

static int ensure_key(const struct config *cfg)
{
	char path[CONFIG_PATH_MAX + 32];
	struct stat st;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", cfg->key_dir, CERT_KEY_SECRET_FILE);
	if (stat(path, &st) == 0)
		return K_OK;
	if ((rc = cert_key_create(cfg->key_dir)) != 0) {
		log_error("%s: cannot create the signing key: %s", cfg->key_dir, cert_strerror(rc));
		return K_EIO;
	}
	printf(msg_text("Created the certificate signing key in %s\n"), cfg->key_dir);
	return K_OK;
}

int admin_init(const char *state_dir)
{
	struct config cfg;
	sqlite3 *db = NULL;
	int rc;

	if (sodium_init() < 0)
		return K_ENOMEM;
	if ((rc = config_for_state(&cfg, state_dir)) < 0)
		return rc;
	if (mkdir(cfg.state_dir, 0700) < 0 && errno != EEXIST) {
		log_error("%s: cannot create the state folder: %s", cfg.state_dir, strerror(errno));
		return K_EIO;
	}
	if ((rc = open_state_db(&db, &cfg, 1)) < 0 || (rc = ensure_key(&cfg)) < 0)
		goto cleanup;

	if (!admin_exists(db)) {
		char password[13];
		int64_t id;

		admin_random_password(password);
		rc = auth_user_create(db, &id, "admin", "Quản trị viên", "admin", password, 1);
		if (rc == K_OK)
			printf(msg_text("Created the administrator account.\n"
					"  user name: admin\n"
					"  one-time password: %s\n"
					"This password is shown only once; you must change it at "
					"first login.\n"),
			       password);
		sodium_memzero(password, sizeof(password));
	}

cleanup:
	db_close(db);
	return rc;
}

static int certificate_exists(sqlite3 *db, const char *serial)
{
	sqlite3_stmt *stmt = NULL;
	int found = 0;

	if (db_prepare(db, &stmt, "SELECT 1 FROM certificates WHERE serial = ?") == K_OK) {
		db_bind_text(stmt, 1, serial);
		found = sqlite3_step(stmt) == SQLITE_ROW;
	}
	sqlite3_finalize(stmt);
	return found;
}

static int reset_password(sqlite3 *db, const char *username, const char *password)
{
	char hash[crypto_pwhash_STRBYTES], name[AUTH_USERNAME_MAX + 1];
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (auth_username_canonical(name, username) < 0)
		return K_ENOTFOUND;
	if ((rc = auth_password_hash(hash, password)) < 0 || (rc = db_begin(db)) < 0)
		return rc;
	if ((rc = db_prepare(db, &stmt, "UPDATE users SET password_hash = ?, "
				    "must_change_password = 1 WHERE username = ?")) < 0)
		goto fail;
	db_bind_text(stmt, 1, hash);
	db_bind_text(stmt, 2, name);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	if (rc == K_OK && sqlite3_changes(db) == 0)
		rc = K_ENOTFOUND;
	sqlite3_finalize(stmt);
	stmt = NULL;
	if (rc == K_OK && (rc = db_prepare(db, &stmt, "DELETE FROM sessions WHERE user_id = "
					 "(SELECT id FROM users WHERE username = ?)")) == K_OK) {
		db_bind_text(stmt, 1, name);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
		sqlite3_finalize(stmt);
	}
	if (rc == K_OK)
		return db_commit(db);

fail:
	db_rollback(db);
	return rc;
}

int admin_user_reset_password(const char *state_dir, const char *username)
{
	char password[13];
	struct config cfg;
	sqlite3 *db = NULL;
	int rc;

	if (sodium_init() < 0)
		return K_ENOMEM;
	if ((rc = config_for_state(&cfg, state_dir)) < 0 || (rc = open_state_db(&db, &cfg, 0)) < 0)
		return rc;
	admin_random_password(password);
	rc = reset_password(db, username, password);
	if (rc == K_OK)
		printf(msg_text("New one-time password of %s: %s\n"
				"It must be changed at the next login.\n"), username, password);
	sodium_memzero(password, sizeof(password));
	db_close(db);
	return rc;
}

int admin_certificate_revoke(const char *state_dir, const char *serial, const char *reason)
{
	struct config cfg;
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char now[21];
	int rc;

	if ((rc = config_for_state(&cfg, state_dir)) < 0 || (rc = open_state_db(&db, &cfg, 0)) < 0)
		return rc;
	time_iso_utc(now, time(NULL));
	if ((rc = db_prepare(db, &stmt, "UPDATE certificates SET revoked_at = ?, revoke_reason = ? "
				    "WHERE serial = ? AND revoked_at IS NULL")) == K_OK) {
		db_bind_text(stmt, 1, now);
		db_bind_text(stmt, 2, reason);
		db_bind_text(stmt, 3, serial);
		rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
		if (rc == K_OK && sqlite3_changes(db) == 0)
			rc = certificate_exists(db, serial) ? K_ECONFLICT : K_ENOTFOUND;
		sqlite3_finalize(stmt);
	}
	if (rc == K_OK)
		printf(msg_text("Revoked certificate %s\n"), serial);
	db_close(db);
	return rc;
}

int admin_user_add(const char *state_dir, const char *username, const char *full_name,
		   const char *role, const char *password)
{
	char generated[13];
	struct config cfg;
	sqlite3 *db = NULL;
	int64_t id = 0;
	int rc;

	if (sodium_init() < 0)
		return K_ENOMEM;
	if ((rc = config_for_state(&cfg, state_dir)) < 0 || (rc = open_state_db(&db, &cfg, 0)) < 0)
		return rc;
	if (password == NULL) {
		admin_random_password(generated);
		password = generated;
	}
	rc = auth_user_create(db, &id, username, full_name, role, password, password == generated);
	if (rc == K_OK && password == generated)
		printf(msg_text("Created user %s with the one-time password: %s\n"), username, generated);
	else if (rc == K_OK)
		printf(msg_text("Created user %s\n"), username);
	sodium_memzero(generated, sizeof(generated));
	db_close(db);
	return rc;
}
