/* start.c - the confirmation page before a test (GET ?quiz=course/quiz) and starting an attempt (POST). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"

/* Splits "course-slug/quiz-slug" into its two slugs; returns 0 when malformed. */
static int parse_quiz_param(char course[QUIZ_SLUG_MAX], char quiz[QUIZ_SLUG_MAX], const char *value)
{
	const char *slash = value ? strchr(value, '/') : NULL;
	size_t n;

	if (slash == NULL || (n = (size_t)(slash - value)) >= QUIZ_SLUG_MAX)
		return 0;
	memcpy(course, value, n);
	course[n] = '\0';
	if (snprintf(quiz, QUIZ_SLUG_MAX, "%s", slash + 1) >= QUIZ_SLUG_MAX)
		return 0;
	return quiz_slug_valid(course) && quiz_slug_valid(quiz);
}

static int count_questions(sqlite3 *db, int *count, int64_t quiz_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*count = 0;
	if ((rc = db_prepare(db, &stmt, "SELECT count(*) FROM questions WHERE quiz_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, quiz_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*count = sqlite3_column_int(stmt, 0);
	else
		rc = K_EDB;
	sqlite3_finalize(stmt);
	return rc;
}

/* Breadcrumbs to the static course and test pages the generator writes. */
static json_t *crumbs_json(struct cgi *c, const struct quiz_version *quiz)
{
	struct buf course_url = BUF_INIT, quiz_url = BUF_INIT;
	json_t *crumbs;

	buf_printf(&course_url, "/khoa-hoc/%s/", quiz->course_slug);
	buf_printf(&quiz_url, "/khoa-hoc/%s/%s/", quiz->course_slug, quiz->slug);
	crumbs = json_pack("{s:[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]}", "items",
			   "title", view_string(&c->view, "nav_courses"), "url", "/",
			   "title", quiz->course_title, "url", buf_cstr(&course_url),
			   "title", quiz->title, "url", buf_cstr(&quiz_url));
	buf_free(&course_url);
	buf_free(&quiz_url);
	return crumbs;
}

/* Adds the facts of the test and the user's attempts at it to data. */
static int add_facts(struct cgi *c, json_t *data, const struct quiz_version *quiz, int *used_up)
{
	int64_t open_id, last_id;
	int questions, used, rc;
	char url[64];

	if ((rc = count_questions(c->db, &questions, quiz->id)) < 0 ||
	    (rc = quiz_attempts_used(c->db, &used, c->user.id, quiz)) < 0 ||
	    (rc = quiz_attempt_find_open(c->db, &open_id, c->user.id, quiz, time(NULL))) < 0 ||
	    (rc = quiz_attempt_find_last(c->db, &last_id, c->user.id, quiz)) < 0)
		return rc;
	*used_up = open_id == 0 && quiz->max_attempts > 0 && used >= quiz->max_attempts;

	json_object_set_new(data, "quiz", json_pack("{s:I, s:s, s:s, s:i, s:i, s:i, s:i, s:i}",
		"id", (json_int_t)quiz->id, "title", quiz->title, "course_title", quiz->course_title,
		"question_count", questions, "minutes", (quiz->time_limit_seconds + 59) / 60,
		"attempts_used", used, "max_attempts", quiz->max_attempts,
		"pass_percent", quiz->pass_percent));
	json_object_set_new(data, "used_up", json_boolean(*used_up));
	snprintf(url, sizeof(url), "/cgi-bin/attempt?id=%lld", (long long)open_id);
	if (open_id)
		json_object_set_new(data, "open_attempt_url", json_string(url));
	snprintf(url, sizeof(url), "/cgi-bin/result?id=%lld", (long long)last_id);
	if (last_id)
		json_object_set_new(data, "last_result_url", json_string(url));
	return K_OK;
}

/* Sends the confirmation page: 200, or 403 when the attempts are used up. */
static void show(struct cgi *c, const struct quiz_version *quiz)
{
	json_t *data = json_pack("{s:{s:s}, s:o}", "page", "title", quiz->title,
				 "crumbs", crumbs_json(c, quiz));
	int used_up = 0;

	if (data == NULL || add_facts(c, data, quiz, &used_up) < 0) {
		json_decref(data);
		cgi_error(c, 500, "error_server");
		return;
	}
	if (used_up)
		log_info("user %lld has no attempts left at quiz %lld", (long long)c->user.id,
			 (long long)quiz->id);
	cgi_page(c, used_up ? 403 : 200, "start", data);
}

static void show_by_slug(struct cgi *c)
{
	char course[QUIZ_SLUG_MAX], slug[QUIZ_SLUG_MAX];
	struct quiz_version quiz;
	int rc;

	if (!parse_quiz_param(course, slug, http_param(&c->request.query, "quiz"))) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	if (!cgi_require_login(c))
		return;
	rc = quiz_version_find_current(c->db, &quiz, course, slug);
	if (rc == K_ENOTFOUND)
		cgi_error(c, 404, "error_quiz_not_found");
	else if (rc < 0)
		cgi_error(c, 500, "error_server");
	else
		show(c, &quiz);
}

/* Sends the learner back to the confirmation page of the current version. */
static void redirect_to_current(const struct quiz_version *quiz)
{
	char location[2 * QUIZ_SLUG_MAX + 32];

	snprintf(location, sizeof(location), "/cgi-bin/start?quiz=%s/%s", quiz->course_slug,
		 quiz->slug);
	http_redirect(location, NULL);
}

static void start(struct cgi *c)
{
	long long quiz_id = http_parse_id(http_param(&c->request.form, "quiz"));
	struct quiz_version quiz;
	int64_t attempt_id = 0;
	char location[64];
	int rc;

	if (quiz_id == 0) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	if ((rc = quiz_version_load(c->db, &quiz, quiz_id)) < 0) {
		cgi_error(c, rc == K_ENOTFOUND ? 404 : 500,
			  rc == K_ENOTFOUND ? "error_quiz_not_found" : "error_server");
		return;
	}
	/* The test changed (or closed) since the page was shown: show it again. */
	if (!quiz.current || !quiz.course_active) {
		redirect_to_current(&quiz);
		return;
	}

	rc = quiz_attempt_start(c->db, &attempt_id, c->user.id, &quiz, time(NULL));
	if (rc == K_EPERM) {
		show(c, &quiz);
		return;
	}
	if (rc < 0) {
		log_error("cannot start an attempt of user %lld at quiz %lld", (long long)c->user.id,
			  quiz_id);
		cgi_error(c, 500, "error_server");
		return;
	}
	log_info("user %lld is at attempt %lld of quiz %lld", (long long)c->user.id,
		 (long long)attempt_id, quiz_id);
	snprintf(location, sizeof(location), "/cgi-bin/attempt?id=%lld", (long long)attempt_id);
	http_redirect(location, NULL);
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") == 0) {
		if (cgi_require_post(c))
			start(c);
	} else if (strcmp(c->request.method, "GET") == 0 || strcmp(c->request.method, "HEAD") == 0) {
		show_by_slug(c);
	} else {
		cgi_method_not_allowed(c, "GET, HEAD, POST");
	}
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "start") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
