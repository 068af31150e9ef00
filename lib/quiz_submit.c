/* quiz_submit.c - grading a submitted attempt in one transaction. */
#include <stdlib.h>
#include <string.h>

#include "certissue.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "timefmt.h"

static int insert_response(sqlite3 *db, int64_t attempt_id, const struct quiz_item *q,
			   const char *response, int correct)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = db_prepare(db, &stmt, "INSERT INTO responses (attempt_id, question_id, "
				    "response, correct, points) VALUES (?, ?, ?, ?, ?)")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, attempt_id);
	sqlite3_bind_int64(stmt, 2, q->id);
	db_bind_text(stmt, 3, response);
	sqlite3_bind_int(stmt, 4, correct);
	sqlite3_bind_int(stmt, 5, correct ? q->points : 0);
	rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot store the response of attempt %lld to question %lld: %s",
			  (long long)attempt_id, (long long)q->id, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

/* Grades and stores one response row per question, unanswered ones as "". */
static int store_responses(sqlite3 *db, struct quiz_outcome *out, int64_t attempt_id,
			   const struct quiz_items *items, const struct http_params *form)
{
	size_t i;
	int rc = K_OK;

	for (i = 0; i < items->count && rc == K_OK; i++) {
		const struct quiz_item *q = &items->items[i];
		char *response = NULL;
		int correct = 0;

		if ((rc = quiz_response_from_form(&response, q, form)) == K_OK &&
		    (rc = quiz_response_grade(&correct, q, response)) == K_OK)
			rc = insert_response(db, attempt_id, q, response, correct);
		out->max_score += q->points;
		if (correct)
			out->score += q->points;
		free(response);
	}
	return rc;
}

static int close_attempt(sqlite3 *db, int64_t attempt_id, const struct quiz_outcome *out,
			 time_t now)
{
	sqlite3_stmt *stmt = NULL;
	char submitted[21];
	int rc;

	time_iso_utc(submitted, now);
	if ((rc = db_prepare(db, &stmt, "UPDATE attempts SET status = 'submitted', "
				    "submitted_at = ?, score = ?, max_score = ?, percent = ?, "
				    "passed = ? WHERE id = ? AND status = 'open'")) < 0)
		return rc;
	db_bind_text(stmt, 1, submitted);
	sqlite3_bind_int(stmt, 2, out->score);
	sqlite3_bind_int(stmt, 3, out->max_score);
	sqlite3_bind_int(stmt, 4, out->percent);
	sqlite3_bind_int(stmt, 5, out->passed);
	sqlite3_bind_int64(stmt, 6, attempt_id);
	rc = sqlite3_step(stmt) == SQLITE_DONE && sqlite3_changes(db) == 1 ? K_OK : K_EDB;
	if (rc < 0)
		log_error("cannot close attempt %lld: %s", (long long)attempt_id, sqlite3_errmsg(db));
	sqlite3_finalize(stmt);
	return rc;
}

/* Grades an open attempt that arrived in time; runs inside the transaction. */
static int grade_attempt(sqlite3 *db, struct quiz_outcome *out, const struct quiz_attempt *a,
			 const struct http_params *form, const char *key_dir, time_t now)
{
	struct quiz_version quiz;
	struct quiz_items items;
	int rc;

	if ((rc = quiz_version_load(db, &quiz, a->quiz_id)) < 0)
		return rc == K_ENOTFOUND ? K_EDB : rc;
	if ((rc = quiz_items_load(db, &items, a->quiz_id)) < 0)
		return rc;
	rc = store_responses(db, out, a->id, &items, form);
	quiz_items_free(&items);
	if (rc < 0)
		return rc;

	out->percent = quiz_percent(out->score, out->max_score);
	out->passed = out->max_score > 0 && out->percent >= quiz.pass_percent;
	if ((rc = close_attempt(db, a->id, out, now)) < 0)
		return rc;
	if (out->passed)
		rc = certissue_issue(db, &out->certificate_id, a->user_id, quiz.course_id, a->id,
				     key_dir, now);
	return rc;
}

int quiz_submit(sqlite3 *db, struct quiz_outcome *out, int64_t attempt_id, int64_t user_id,
		const struct http_params *form, const char *key_dir, time_t now)
{
	struct quiz_attempt attempt;
	int rc;

	memset(out, 0, sizeof(*out));
	/* A result the learner has been shown must survive a power cut, so
	 * this connection syncs fully on COMMIT (db_open sets NORMAL). */
	if ((rc = db_exec(db, "PRAGMA synchronous = FULL")) < 0 || (rc = db_begin(db)) < 0)
		return rc;
	if ((rc = quiz_attempt_load(db, &attempt, attempt_id, user_id)) < 0)
		goto cleanup;
	if (strcmp(attempt.status, "open") != 0) {
		rc = K_ECONFLICT;
		goto cleanup;
	}

	if (quiz_attempt_overdue(&attempt, now)) {
		/* Policy: a submission after the deadline and its grace period
		 * scores 0 and keeps no answers, as if handed in blank, because
		 * grading it would reward taking extra time. */
		out->expired = 1;
		rc = quiz_attempt_expire(db, attempt_id, now);
	} else {
		rc = grade_attempt(db, out, &attempt, form, key_dir, now);
	}
	if (rc == K_OK)
		rc = db_commit(db);

cleanup:
	db_rollback(db);  /* does nothing after a successful COMMIT */
	if (rc < 0)
		memset(out, 0, sizeof(*out));
	return rc;
}
