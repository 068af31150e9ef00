/* ratelimit.c - a sliding-window request counter in the rate_events table. */
#include <time.h>

#include "db.h"
#include "err.h"
#include "ratelimit.h"
#include "timefmt.h"

static int count_events(sqlite3 *db, int *count, const char *kind, const char *client,
			const char *since)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*count = 0;
	if ((rc = db_prepare(db, &stmt, "SELECT count(*) FROM rate_events "
				    "WHERE kind = ? AND client = ? AND at >= ?")) < 0)
		return rc;
	db_bind_text(stmt, 1, kind);
	db_bind_text(stmt, 2, client);
	db_bind_text(stmt, 3, since);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*count = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return K_OK;
}

/* Inserts this event and drops this kind's events older than the window. */
static int record_event(sqlite3 *db, const char *kind, const char *client, const char *now,
			const char *since)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "DELETE FROM rate_events WHERE kind = ? AND at < ?")) < 0)
		return rc;
	db_bind_text(stmt, 1, kind);
	db_bind_text(stmt, 2, since);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	if (rc < 0 || (rc = db_prepare(db, &stmt, "INSERT INTO rate_events (kind, client, at) "
					      "VALUES (?, ?, ?)")) < 0)
		return rc;
	db_bind_text(stmt, 1, kind);
	db_bind_text(stmt, 2, client);
	db_bind_text(stmt, 3, now);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}

int ratelimit_hit(sqlite3 *db, const char *kind, const char *client, int max, int window_seconds)
{
	char now[21], since[21];
	time_t t = time(NULL);
	int count, rc;

	time_iso_utc(now, t);
	time_iso_utc(since, t - window_seconds);
	if ((rc = db_begin(db)) < 0)
		return rc;
	if ((rc = count_events(db, &count, kind, client, since)) == K_OK) {
		if (count >= max)
			rc = K_ETOOBIG;
		else
			rc = record_event(db, kind, client, now, since);
	}
	if (rc == K_OK)
		return db_commit(db);
	db_rollback(db);
	return rc;
}
