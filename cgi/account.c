/* account.c - the signed-in user's page: details, certificates and test attempts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "timefmt.h"

/* The page lists this many of the latest attempts (text for the SQL). */
#define ATTEMPTS_SHOWN "200"

/* "04/12/2026 14:05" (Vietnam time) for a stored UTC time, "" when unreadable. */
static json_t *vn_datetime(const char *iso)
{
	char out[17] = "";
	time_t t;

	if (time_parse_iso_utc(&t, iso) == K_OK)
		time_vn_datetime(out, t);
	return json_string(out);
}

static json_t *certificate_row(sqlite3_stmt *stmt, void *ctx)
{
	char date[11];

	(void)ctx;
	time_iso_date_to_vn(date, db_column_text(stmt, 2));
	/* The token is URL-safe base64, so it goes into the link as it is. */
	return json_pack("{s:s, s:s, s:s, s:b, s:s+}", "serial", db_column_text(stmt, 0),
			 "course_title", db_column_text(stmt, 1), "issued_on", date,
			 "revoked", sqlite3_column_type(stmt, 4) != SQLITE_NULL,
			 "verify_url", "/cgi-bin/verify?t=", db_column_text(stmt, 3));
}

/* Runs sql bound to user_id and appends to rows what to_json makes of each row. */
static int list_rows(sqlite3 *db, json_t *rows, const char *sql, int64_t user_id,
		     json_t *(*to_json)(sqlite3_stmt *, void *), void *ctx)
{
	sqlite3_stmt *stmt = NULL;
	int rc, step;

	if ((rc = db_prepare(db, &stmt, sql)) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, user_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		if (json_array_append_new(rows, to_json(stmt, ctx)) < 0) {
			rc = K_ENOMEM;
			break;
		}
	if (rc == K_OK && step != SQLITE_DONE) {
		log_error("cannot list the account of user %lld: %s", (long long)user_id,
			  sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* Returns the status string key of an attempt row and whether it is still open. */
static const char *attempt_status(sqlite3_stmt *stmt, int *open)
{
	const char *status = db_column_text(stmt, 1);
	struct quiz_attempt a = {0};

	*open = 0;
	if (strcmp(status, "open") == 0) {
		snprintf(a.status, sizeof(a.status), "open");
		if (time_parse_iso_utc(&a.deadline_at, db_column_text(stmt, 4)) < 0)
			a.deadline_at = 0;
		*open = !quiz_attempt_overdue(&a, time(NULL));
		return *open ? "status_open" : "status_expired";
	}
	if (strcmp(status, "expired") == 0)
		return "status_expired";
	return sqlite3_column_int(stmt, 6) ? "status_passed" : "status_failed";
}

static json_t *attempt_row(sqlite3_stmt *stmt, void *ctx)
{
	const struct view *v = ctx;
	int open;
	const char *status_key = attempt_status(stmt, &open);
	const char *when = db_column_text(stmt, sqlite3_column_type(stmt, 3) == SQLITE_NULL ? 2 : 3);

	return json_pack("{s:I, s:s, s:s, s:o, s:b, s:i, s:i, s:i, s:s, s:b}",
			 "id", (json_int_t)sqlite3_column_int64(stmt, 0),
			 "course_title", db_column_text(stmt, 8), "quiz_title", db_column_text(stmt, 7),
			 "when", vn_datetime(when),
			 "graded", strcmp(db_column_text(stmt, 1), "submitted") == 0,
			 "score", sqlite3_column_int(stmt, 9), "max_score", sqlite3_column_int(stmt, 10),
			 "percent", sqlite3_column_int(stmt, 5),
			 "status_label", view_string(v, status_key), "open", open);
}

static int fill_lists(struct cgi *c, json_t *data)
{
	json_t *certificates = json_array(), *attempts = json_array();
	int rc;

	json_object_set_new(data, "certificates", certificates);
	json_object_set_new(data, "attempts", attempts);
	if (certificates == NULL || attempts == NULL)
		return K_ENOMEM;
	if ((rc = list_rows(c->db, certificates, "SELECT serial, course_title, issued_on, token, "
			    "revoked_at FROM certificates WHERE user_id = ? AND serial IS NOT NULL "
			    "AND token IS NOT NULL ORDER BY id DESC", c->user.id,
			    certificate_row, NULL)) < 0)
		return rc;
	if ((rc = list_rows(c->db, attempts, "SELECT a.id, a.status, a.started_at, a.submitted_at, "
			    "a.deadline_at, a.percent, a.passed, q.title, c.title, a.score, a.max_score "
			    "FROM attempts a JOIN quizzes q ON q.id = a.quiz_id "
			    "JOIN courses c ON c.id = q.course_id WHERE a.user_id = ? "
			    "ORDER BY a.id DESC LIMIT " ATTEMPTS_SHOWN, c->user.id, attempt_row, &c->view)) < 0)
		return rc;
	return json_object_set_new(data, "has_attempts", json_boolean(json_array_size(attempts) > 0));
}

static void handle(struct cgi *c)
{
	const char *changed = http_param(&c->request.query, "password");
	char role_key[32];
	json_t *data;

	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		cgi_method_not_allowed(c, "GET, HEAD");
		return;
	}
	if (!cgi_require_login(c))
		return;
	snprintf(role_key, sizeof(role_key), "role_%s", c->user.role);
	data = json_pack("{s:{s:s}, s:s, s:b}", "page", "title",
			 view_string(&c->view, "account_title"),
			 "role_label", view_string(&c->view, role_key),
			 "password_changed", changed && strcmp(changed, "changed") == 0);
	if (data == NULL || fill_lists(c, data) < 0) {
		json_decref(data);
		cgi_error(c, 500, "error_server");
		return;
	}
	cgi_page(c, 200, "account", data);
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "account") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
