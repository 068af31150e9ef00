/* result.c - a graded attempt (GET ?id=N): score, result by topic and, when allowed, each question.
 *
 * The per-question review (right/wrong marks, the key, the explanations)
 * follows the test's review setting through quiz_review_shown. With 'none'
 * it is never shown, so the questions stay fair for every later learner and
 * attempt. With 'after_passing' it is shown only for a passed attempt. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cgi.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "timefmt.h"

/* The review decision and the retry link of the result page. */
struct next_steps {
	int review;             /* show each question with its mark, key and explanation */
	const char *hidden_key; /* the string saying why the review is not shown */
	char retry_url[2 * QUIZ_SLUG_MAX + 32];  /* "" when no new attempt can be made */
};

/* Decides whether the review is shown and whether a retry is possible, from
 * the test's current version (a withdrawn test allows no new attempt). */
static int plan_next_steps(struct cgi *c, struct next_steps *next, const struct quiz_attempt *a,
			   const struct quiz_version *quiz)
{
	struct quiz_version current;
	int used = 0, rc;

	memset(next, 0, sizeof(*next));
	rc = quiz_version_find_current(c->db, &current, quiz->course_slug, quiz->slug);
	if (rc < 0 && rc != K_ENOTFOUND)
		return rc;
	next->review = quiz_review_shown(a, quiz, rc == K_OK ? &current : NULL);
	next->hidden_key = rc == K_OK && current.review_after_passing && !a->passed ?
				   "result_review_after_passing" : "result_review_none";
	if (rc == K_ENOTFOUND || a->passed)
		return K_OK;
	if ((rc = quiz_attempts_used(c->db, &used, c->user.id, &current)) < 0)
		return rc;
	if (current.max_attempts == 0 || used < current.max_attempts)
		snprintf(next->retry_url, sizeof(next->retry_url), "/cgi-bin/start?quiz=%s/%s",
			 current.course_slug, current.slug);
	return K_OK;
}

/* Appends the options of q whose positions are in list, as HTML joined by "; ". */
static int choices_html(struct buf *out, const struct quiz_item *q, const char *list)
{
	size_t i;
	int rc = K_OK;

	for (i = 0; i < q->choice_count && rc == K_OK; i++) {
		if (!quiz_positions_contain(list, q->choices[i].position))
			continue;
		if (out->len > 0)
			rc = buf_puts(out, "; ");
		if (rc == K_OK)
			rc = buf_puts(out, q->choices[i].body_html);
	}
	return rc;
}

/* Shows a response or a key of q as {html} (option bodies) or {text};
 * NULL (false in the template) when it is empty. */
static json_t *answer_json(struct cgi *c, const struct quiz_item *q, const char *value,
			   int is_key)
{
	struct buf text = BUF_INIT;
	json_t *answer = NULL;

	if (*value == '\0')
		return NULL;
	if (q->type == QUIZ_ITEM_SINGLE || q->type == QUIZ_ITEM_MULTIPLE) {
		if (choices_html(&text, q, value) == K_OK && text.len > 0)
			answer = json_pack("{s:s}", "html", text.data);
	} else if (q->type == QUIZ_ITEM_TRUEFALSE) {
		answer = json_pack("{s:s}", "text", view_string(&c->view, strcmp(value, "true") == 0 ?
							     "attempt_true" : "attempt_false"));
	} else if (!is_key) {
		answer = json_pack("{s:s}", "text", value);
	} else {
		/* Accepted short answers are stored one per line. */
		for (const char *p = value; *p; p++) {
			if (*p == '\n')
				buf_puts(&text, " / ");
			else
				buf_putc(&text, *p);
		}
		answer = json_pack("{s:s}", "text", buf_cstr(&text));
	}
	buf_free(&text);
	return answer;
}

/* Loads the stored response and its grade for one question. */
static int load_response(sqlite3 *db, struct buf *response, int *correct, int64_t attempt_id,
			 int64_t question_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*correct = 0;
	buf_clear(response);
	if ((rc = db_prepare(db, &stmt, "SELECT response, correct FROM responses "
				    "WHERE attempt_id = ? AND question_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, attempt_id);
	sqlite3_bind_int64(stmt, 2, question_id);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*correct = sqlite3_column_int(stmt, 1);
		rc = buf_puts(response, db_column_text(stmt, 0));
	} else {
		rc = rc == SQLITE_DONE ? K_OK : K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* One question of the review: the learner's response, its mark, the key and
 * the explanation. */
static json_t *question_json(struct cgi *c, const struct quiz_attempt *a, const struct quiz_item *q,
			     int number)
{
	struct buf response = BUF_INIT;
	json_t *item;
	int correct;

	if (load_response(c->db, &response, &correct, a->id, q->id) < 0) {
		buf_free(&response);
		return NULL;
	}
	item = json_pack("{s:i, s:s, s:b, s:o*}", "number", number, "stem_html", q->stem_html,
			 "correct", correct, "given", answer_json(c, q, buf_cstr(&response), 0));
	if (item) {
		json_object_set_new(item, "key", answer_json(c, q, q->answer, 1));
		json_object_set_new(item, "feedback_html", json_string(q->feedback_html));
	}
	buf_free(&response);
	return item;
}

static json_t *questions_json(struct cgi *c, const struct quiz_attempt *a,
			      const struct quiz_version *quiz)
{
	struct quiz_items items;
	json_t *list = json_array();
	size_t i;

	if (list == NULL || quiz_items_load(c->db, &items, a->quiz_id) < 0) {
		json_decref(list);
		return NULL;
	}
	/* The same order as the attempt page, so question numbers agree. */
	quiz_items_order(&items, a->seed, quiz->shuffle);
	for (i = 0; list && i < items.count; i++)
		if (json_array_append_new(list, question_json(c, a, &items.items[i], (int)i + 1)) < 0) {
			json_decref(list);
			list = NULL;
		}
	quiz_items_free(&items);
	return list;
}

/* Counts correct answers per topic, topics in the order they first appear
 * in the test. Questions without a response (an expired attempt) count as wrong. */
static json_t *topics_json(sqlite3 *db, const struct quiz_attempt *a)
{
	sqlite3_stmt *stmt = NULL;
	json_t *list = json_array();
	int step;

	if (list == NULL || db_prepare(db, &stmt, "SELECT q.topic, count(*), "
				       "coalesce(sum(r.correct), 0) FROM questions q "
				       "LEFT JOIN responses r ON r.question_id = q.id AND r.attempt_id = ? "
				       "WHERE q.quiz_id = ? GROUP BY q.topic ORDER BY min(q.position)") < 0) {
		json_decref(list);
		return NULL;
	}
	sqlite3_bind_int64(stmt, 1, a->id);
	sqlite3_bind_int64(stmt, 2, a->quiz_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int total = sqlite3_column_int(stmt, 1), correct = sqlite3_column_int(stmt, 2);

		json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:i}", "topic",
						      db_column_text(stmt, 0), "total", total,
						      "correct", correct,
						      "percent", quiz_percent(correct, total)));
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		log_error("cannot count the topics of attempt %lld", (long long)a->id);
		json_decref(list);
		return NULL;
	}
	return list;
}

/* The certificate issued from this attempt, or NULL. */
static json_t *certificate_json(sqlite3 *db, int64_t attempt_id)
{
	sqlite3_stmt *stmt = NULL;
	json_t *cert = NULL;

	if (db_prepare(db, &stmt, "SELECT serial, token FROM certificates WHERE attempt_id = ? "
			    "AND serial IS NOT NULL AND token IS NOT NULL") < 0)
		return NULL;
	sqlite3_bind_int64(stmt, 1, attempt_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		cert = json_pack("{s:s, s:s+}", "serial", db_column_text(stmt, 0),
				 "verify_url", "/cgi-bin/verify?t=", db_column_text(stmt, 1));
	sqlite3_finalize(stmt);
	return cert;
}

/* Adds the topics, what the learner can do next and, when the review is
 * shown, the questions to data. */
static int add_details(struct cgi *c, json_t *data, const struct quiz_attempt *a,
		       const struct quiz_version *quiz)
{
	struct next_steps next;
	json_t *questions, *topics;
	int rc;

	if ((rc = plan_next_steps(c, &next, a, quiz)) < 0)
		return rc;
	if ((topics = topics_json(c->db, a)) == NULL)
		return K_EDB;
	json_object_set_new(data, "topics", topics);
	if (next.retry_url[0])
		json_object_set_new(data, "retry_url", json_string(next.retry_url));
	if (!next.review) {
		/* Nothing of the questions leaves the server: not even the marks. */
		json_object_set_new(data, "review_hidden",
				    json_string(view_string(&c->view, next.hidden_key)));
		return K_OK;
	}
	if ((questions = questions_json(c, a, quiz)) == NULL)
		return K_EDB;
	json_object_set_new(data, "questions", questions);
	json_object_set_new(data, "review", json_true());
	return K_OK;
}

static void render(struct cgi *c, const struct quiz_attempt *a)
{
	struct quiz_version quiz;
	char submitted[17] = "";
	json_t *data;

	if (quiz_version_load(c->db, &quiz, a->quiz_id) < 0) {
		cgi_error(c, 500, "error_server");
		return;
	}
	if (a->submitted_at)
		time_vn_datetime(submitted, a->submitted_at);
	data = json_pack("{s:{s:s}, s:{s:s, s:s, s:i}, s:b, s:b, s:i, s:i, s:i, s:s, s:o*}",
			 "page", "title", view_string(&c->view, "result_title"),
			 "quiz", "title", quiz.title, "course_title", quiz.course_title,
			 "pass_percent", quiz.pass_percent,
			 "expired", strcmp(a->status, "expired") == 0, "passed", a->passed,
			 "score", a->score, "max_score", a->max_score, "percent", a->percent,
			 "submitted_at", submitted, "certificate", certificate_json(c->db, a->id));
	if (data == NULL || add_details(c, data, a, &quiz) < 0) {
		json_decref(data);
		cgi_error(c, 500, "error_server");
		return;
	}
	cgi_page(c, 200, "result", data);
}

/* Loads the attempt; an open one goes back to its page unless it is overdue,
 * which closes it as expired first. Returns 1 when there is a result to show. */
static int load_closed(struct cgi *c, struct quiz_attempt *a, long long id)
{
	char location[64];
	int rc = quiz_attempt_load(c->db, a, id, c->user.id);

	if (rc == K_OK && quiz_attempt_overdue(a, time(NULL))) {
		if ((rc = quiz_attempt_expire(c->db, id, time(NULL))) == K_OK)
			rc = quiz_attempt_load(c->db, a, id, c->user.id);
	}
	if (rc < 0) {
		/* Another user's attempt is "not found" too, so ids do not leak. */
		cgi_error(c, rc == K_ENOTFOUND ? 404 : 500,
			  rc == K_ENOTFOUND ? "error_attempt_not_found" : "error_server");
		return 0;
	}
	if (strcmp(a->status, "open") == 0) {
		snprintf(location, sizeof(location), "/cgi-bin/attempt?id=%lld", id);
		http_redirect(location, NULL);
		return 0;
	}
	return 1;
}

static void handle(struct cgi *c)
{
	long long id = http_parse_id(http_param(&c->request.query, "id"));
	struct quiz_attempt attempt;

	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		cgi_method_not_allowed(c, "GET, HEAD");
		return;
	}
	if (id == 0) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	if (cgi_require_login(c) && load_closed(c, &attempt, id))
		render(c, &attempt);
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "result") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
