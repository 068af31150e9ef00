/* quiz_attempt.c - attempts: loading, counting, starting and expiring them. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "timefmt.h"

/* Attempts at any version of one test: same course, same quiz slug. */
#define SAME_TEST_JOIN \
	"FROM attempts a JOIN quizzes q ON q.id = a.quiz_id " \
	"WHERE a.user_id = ? AND q.course_id = ? AND q.slug = ? "

/* Parses a stored UTC time; NULL or a bad value gives 0. */
static time_t column_time(sqlite3_stmt *stmt, int column)
{
	time_t t = 0;

	if (sqlite3_column_type(stmt, column) != SQLITE_NULL &&
	    time_parse_iso_utc(&t, db_column_text(stmt, column)) < 0)
		t = 0;
	return t;
}

static void read_attempt(struct quiz_attempt *a, sqlite3_stmt *stmt)
{
	a->id = sqlite3_column_int64(stmt, 0);
	a->user_id = sqlite3_column_int64(stmt, 1);
	a->quiz_id = sqlite3_column_int64(stmt, 2);
	a->seed = sqlite3_column_int64(stmt, 3);
	snprintf(a->status, sizeof(a->status), "%s", db_column_text(stmt, 4));
	a->started_at = column_time(stmt, 5);
	a->deadline_at = column_time(stmt, 6);
	a->submitted_at = column_time(stmt, 7);
	a->score = sqlite3_column_int(stmt, 8);
	a->max_score = sqlite3_column_int(stmt, 9);
	a->percent = sqlite3_column_int(stmt, 10);
	a->passed = sqlite3_column_int(stmt, 11);
}

int quiz_attempt_load(sqlite3 *db, struct quiz_attempt *out, int64_t attempt_id,
		      int64_t user_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &stmt, "SELECT id, user_id, quiz_id, seed, status, started_at, "
				    "deadline_at, submitted_at, score, max_score, percent, passed "
				    "FROM attempts WHERE id = ? AND user_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, attempt_id);
	sqlite3_bind_int64(stmt, 2, user_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		read_attempt(out, stmt);
		rc = K_OK;
	} else if (rc == SQLITE_DONE) {
		rc = K_ENOTFOUND;
	} else {
		log_error("cannot load attempt %lld: %s", (long long)attempt_id, sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_attempt_overdue(const struct quiz_attempt *attempt, time_t now)
{
	return strcmp(attempt->status, "open") == 0 && attempt->deadline_at != 0 &&
	       now > attempt->deadline_at + QUIZ_GRACE_SECONDS;
}

/* Prepares sql (which starts with SAME_TEST_JOIN's parameters) for one test. */
static int prepare_same_test(sqlite3 *db, sqlite3_stmt **stmt, const char *sql,
			     int64_t user_id, const struct quiz_version *quiz)
{
	int rc;

	if ((rc = db_prepare(db, stmt, sql)) < 0)
		return rc;
	sqlite3_bind_int64(*stmt, 1, user_id);
	sqlite3_bind_int64(*stmt, 2, quiz->course_id);
	db_bind_text(*stmt, 3, quiz->slug);
	return K_OK;
}

int quiz_attempts_used(sqlite3 *db, int *used, int64_t user_id, const struct quiz_version *quiz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*used = 0;
	if ((rc = prepare_same_test(db, &stmt, "SELECT count(*) " SAME_TEST_JOIN,
				    user_id, quiz)) < 0)
		return rc;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*used = sqlite3_column_int(stmt, 0);
	} else {
		log_error("cannot count attempts of user %lld: %s", (long long)user_id,
			  sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_attempt_find_open(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
			   const struct quiz_version *quiz, time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char limit[21];
	int rc;

	*attempt_id = 0;
	/* An attempt is still usable until its deadline plus the grace period. */
	time_iso_utc(limit, now - QUIZ_GRACE_SECONDS);
	if ((rc = prepare_same_test(db, &stmt, "SELECT a.id " SAME_TEST_JOIN
				    "AND a.status = 'open' AND (a.deadline_at IS NULL "
				    "OR a.deadline_at >= ?) ORDER BY a.id DESC LIMIT 1",
				    user_id, quiz)) < 0)
		return rc;
	db_bind_text(stmt, 4, limit);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*attempt_id = sqlite3_column_int64(stmt, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot find an open attempt: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_attempt_find_last(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
			   const struct quiz_version *quiz)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*attempt_id = 0;
	if ((rc = prepare_same_test(db, &stmt, "SELECT a.id " SAME_TEST_JOIN
				    "AND a.status != 'open' ORDER BY a.id DESC LIMIT 1",
				    user_id, quiz)) < 0)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*attempt_id = sqlite3_column_int64(stmt, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot find the last attempt: %s", sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

/* Inserts a new open attempt; runs inside the caller's transaction. */
static int insert_attempt(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
			  const struct quiz_version *quiz, time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char started[21], deadline[21];
	int rc;

	time_iso_utc(started, now);
	time_iso_utc(deadline, now + quiz->time_limit_seconds);
	if ((rc = db_prepare(db, &stmt, "INSERT INTO attempts (user_id, quiz_id, seed, status, "
				    "started_at, deadline_at) VALUES (?, ?, ?, 'open', ?, ?)")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	sqlite3_bind_int64(stmt, 2, quiz->id);
	/* A 31-bit seed fits a signed 32-bit integer, so any reader of the
	 * table can hold it. */
	sqlite3_bind_int64(stmt, 3, (int64_t)(randombytes_random() & 0x7fffffffu));
	db_bind_text(stmt, 4, started);
	db_bind_text(stmt, 5, quiz->time_limit_seconds > 0 ? deadline : NULL);
	if (sqlite3_step(stmt) == SQLITE_DONE) {
		*attempt_id = sqlite3_last_insert_rowid(db);
	} else {
		log_error("cannot create an attempt for user %lld at quiz %lld: %s",
			  (long long)user_id, (long long)quiz->id, sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_attempt_start(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
		       const struct quiz_version *quiz, time_t now)
{
	int used, rc;

	*attempt_id = 0;
	if (sodium_init() < 0)
		return K_EIO;
	if ((rc = db_begin(db)) < 0)
		return rc;
	/* Checked again under the write lock: two tabs may start at once. */
	if ((rc = quiz_attempt_find_open(db, attempt_id, user_id, quiz, now)) < 0 ||
	    *attempt_id != 0)
		goto cleanup;
	if ((rc = quiz_attempts_used(db, &used, user_id, quiz)) < 0)
		goto cleanup;
	if (quiz->max_attempts > 0 && used >= quiz->max_attempts) {
		rc = K_EPERM;
		goto cleanup;
	}
	if ((rc = insert_attempt(db, attempt_id, user_id, quiz, now)) < 0)
		goto cleanup;
	rc = db_commit(db);

cleanup:
	db_rollback(db);  /* does nothing after a successful COMMIT */
	if (rc < 0)
		*attempt_id = 0;
	return rc;
}

int quiz_attempt_expire(sqlite3 *db, int64_t attempt_id, time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char submitted[21];
	int rc;

	time_iso_utc(submitted, now);
	/* The status condition makes a request that races this one change
	 * nothing. No responses are stored: nothing was graded. */
	if ((rc = db_prepare(db, &stmt, "UPDATE attempts SET status = 'expired', submitted_at = ?, "
				    "score = 0, percent = 0, passed = 0, max_score = "
				    "(SELECT coalesce(sum(points), 0) FROM questions "
				    "WHERE quiz_id = attempts.quiz_id) "
				    "WHERE id = ? AND status = 'open'")) < 0)
		return rc;
	db_bind_text(stmt, 1, submitted);
	sqlite3_bind_int64(stmt, 2, attempt_id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		log_error("cannot expire attempt %lld: %s", (long long)attempt_id, sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}
