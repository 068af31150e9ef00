/* db.c - opening the state database, its schema and transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "log.h"
#include "schema.h"

int db_open(sqlite3 **out, const char *path, int create)
{
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	sqlite3 *db = NULL;

	*out = NULL;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		log_error("%s: cannot open the database: %s", path,
			  db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return K_EDB;
	}
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);

	/* WAL lets the CGI programs read while one of them writes. */
	if (db_exec(db, "PRAGMA foreign_keys = ON;"
			"PRAGMA journal_mode = WAL;"
			"PRAGMA synchronous = NORMAL;") < 0) {
		sqlite3_close(db);
		return K_EDB;
	}
	*out = db;
	return K_OK;
}

void db_close(sqlite3 *db)
{
	sqlite3_close(db);
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *message = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
		log_error("database: %s", message ? message : sqlite3_errmsg(db));
		sqlite3_free(message);
		return K_EDB;
	}
	return K_OK;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *stmt = NULL;
	int version = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		version = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return version;
}

int db_migrate(sqlite3 *db)
{
	char sql[64];
	int version, rc;

	if ((rc = db_begin(db)) < 0)
		return rc;
	version = user_version(db);
	if (version == DB_SCHEMA_VERSION) {
		db_rollback(db);
		return K_OK;
	}
	if (version != 0) {
		log_error("database schema version %d is not %d; this build cannot use it",
			  version, DB_SCHEMA_VERSION);
		db_rollback(db);
		return K_EDB;
	}

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;", DB_SCHEMA_VERSION);
	if ((rc = db_exec(db, db_schema_sql)) < 0 || (rc = db_exec(db, sql)) < 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(sqlite3 *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int db_prepare(sqlite3 *db, sqlite3_stmt **out, const char *sql)
{
	if (sqlite3_prepare_v2(db, sql, -1, out, NULL) != SQLITE_OK) {
		log_error("database: %s in: %.80s", sqlite3_errmsg(db), sql);
		*out = NULL;
		return K_EDB;
	}
	return K_OK;
}

int db_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	int rc = text ? sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT)
		      : sqlite3_bind_null(stmt, index);

	return rc == SQLITE_OK ? K_OK : K_EDB;
}

const char *db_column_text(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	return text ? (const char *)text : "";
}

char *db_setting_get(sqlite3 *db, const char *key)
{
	sqlite3_stmt *stmt = NULL;
	char *value = NULL;

	if (db_prepare(db, &stmt, "SELECT value FROM settings WHERE key = ?") < 0)
		return NULL;
	db_bind_text(stmt, 1, key);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = strdup(db_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return value;
}

int db_setting_set(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "INSERT INTO settings (key, value) VALUES (?, ?) "
				    "ON CONFLICT (key) DO UPDATE SET value = excluded.value")) < 0)
		return rc;
	db_bind_text(stmt, 1, key);
	db_bind_text(stmt, 2, value);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("database: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}
