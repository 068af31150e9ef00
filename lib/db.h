/* db.h - the SQLite state database: opening, schema, transactions, small helpers. */
#ifndef KHOA_DB_H
#define KHOA_DB_H

#include <stdint.h>

#include <sqlite3.h>

/* The schema version this build writes; stored in PRAGMA user_version. */
#define DB_SCHEMA_VERSION 1

/* How long a writer waits for the lock before SQLITE_BUSY, in milliseconds. */
#ifndef DB_BUSY_TIMEOUT_MS
#define DB_BUSY_TIMEOUT_MS 5000
#endif

/* Opens path read-write with foreign keys, the busy timeout and WAL. With
 * create set, a missing file is created. Returns K_EDB (message logged) and
 * sets *out to NULL on failure. */
int db_open(sqlite3 **out, const char *path, int create);

/* Creates the schema in an empty database, or checks that an existing one
 * is at DB_SCHEMA_VERSION. Returns K_EDB on a mismatch or failure. */
int db_migrate(sqlite3 *db);

void db_close(sqlite3 *db);

/* BEGIN IMMEDIATE, COMMIT and ROLLBACK. Each returns K_OK or K_EDB. */
int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
void db_rollback(sqlite3 *db);

/* Runs SQL text that returns no rows. Returns K_OK or K_EDB (logged). */
int db_exec(sqlite3 *db, const char *sql);

/* Prepares sql; logs and returns K_EDB on failure. */
int db_prepare(sqlite3 *db, sqlite3_stmt **out, const char *sql);

/* Reads and writes one row of the settings table (site title, contact...).
 * db_setting_get returns a malloc'd copy or NULL when missing. */
char *db_setting_get(sqlite3 *db, const char *key);
int db_setting_set(sqlite3 *db, const char *key, const char *value);

/* Binds a NUL-terminated string (SQLITE_TRANSIENT) or NULL. */
int db_bind_text(sqlite3_stmt *stmt, int index, const char *text);

/* Returns column text as "" instead of NULL. */
const char *db_column_text(sqlite3_stmt *stmt, int column);

#endif
