/* account.c - password changes by the account holder. */
#include <string.h>

#include "account.h"
#include "db.h"
#include "err.h"
#include "log.h"

static int delete_sessions(sqlite3 *db, int64_t user_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "DELETE FROM sessions WHERE user_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot end the sessions of user %lld: %s", (long long)user_id,
			  sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

int account_change_password(sqlite3 *db, char token[AUTH_TOKEN_CHARS + 1], int64_t user_id,
			    const char *password)
{
	int rc;

	token[0] = '\0';
	if ((rc = db_begin(db)) < 0)
		return rc;
	if ((rc = auth_user_set_password(db, user_id, password)) < 0 ||
	    (rc = delete_sessions(db, user_id)) < 0 ||
	    (rc = auth_session_create(db, token, user_id)) < 0 ||
	    (rc = db_commit(db)) < 0) {
		db_rollback(db);
		token[0] = '\0';
	}
	return rc;
}
