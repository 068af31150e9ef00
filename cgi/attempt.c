/* attempt.c - an open attempt: its questions (GET ?id=N) and its submission (POST). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cgi.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "timefmt.h"

static void redirect_to_result(int64_t attempt_id)
{
	char location[64];

	snprintf(location, sizeof(location), "/cgi-bin/result?id=%lld", (long long)attempt_id);
	http_redirect(location, NULL);
}

/* One question as the learner sees it. Only what the form needs goes in:
 * never the key (options.correct, questions.answer) or the feedback. */
static json_t *question_json(const struct quiz_item *q, int number)
{
	json_t *choices = json_array();
	char name[32];
	size_t i;

	snprintf(name, sizeof(name), "q%lld", (long long)q->id);
	for (i = 0; choices && (q->type == QUIZ_ITEM_SINGLE || q->type == QUIZ_ITEM_MULTIPLE) &&
		    i < q->choice_count; i++)
		json_array_append_new(choices, json_pack("{s:i, s:s}", "value", q->choices[i].position,
							 "body_html", q->choices[i].body_html));
	return json_pack("{s:i, s:i, s:s, s:s, s:s, s:o, s:b, s:b, s:b, s:b}",
			 "number", number, "points", q->points, "stem_html", q->stem_html,
			 "name", name, "input_type", q->type == QUIZ_ITEM_MULTIPLE ? "checkbox" : "radio",
			 "choices", choices, "single", q->type == QUIZ_ITEM_SINGLE,
			 "multiple", q->type == QUIZ_ITEM_MULTIPLE,
			 "truefalse", q->type == QUIZ_ITEM_TRUEFALSE, "short", q->type == QUIZ_ITEM_SHORT);
}

static json_t *questions_json(const struct quiz_items *items)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; list && i < items->count; i++)
		if (json_array_append_new(list, question_json(&items->items[i], (int)i + 1)) < 0) {
			json_decref(list);
			return NULL;
		}
	return list;
}

/* The countdown box: seconds left, the same as "m:ss", and the deadline in Vietnam time. */
static json_t *timer_json(time_t deadline, time_t now)
{
	long left = deadline > now ? (long)(deadline - now) : 0;
	char clock[32], when[17];

	snprintf(clock, sizeof(clock), "%ld:%02ld", left / 60, left % 60);
	time_vn_datetime(when, deadline);
	return json_pack("{s:I, s:s, s:s}", "seconds_left", (json_int_t)left, "clock", clock,
			 "deadline", when);
}

static json_t *crumbs_json(struct cgi *c, const struct quiz_version *quiz)
{
	struct buf url = BUF_INIT;
	json_t *crumbs;

	buf_printf(&url, "/khoa-hoc/%s/", quiz->course_slug);
	crumbs = json_pack("{s:[{s:s, s:s}, {s:s, s:s}]}", "items",
			   "title", view_string(&c->view, "nav_courses"), "url", "/",
			   "title", quiz->course_title, "url", buf_cstr(&url));
	buf_free(&url);
	return crumbs;
}

static void render(struct cgi *c, const struct quiz_attempt *attempt)
{
	struct quiz_version quiz;
	struct quiz_items items = {0};
	json_t *data = NULL;

	if (quiz_version_load(c->db, &quiz, attempt->quiz_id) < 0 ||
	    quiz_items_load(c->db, &items, attempt->quiz_id) < 0) {
		cgi_error(c, 500, "error_server");
		return;
	}
	quiz_items_order(&items, attempt->seed, quiz.shuffle);
	data = json_pack("{s:{s:s}, s:o, s:{s:s}, s:I, s:o}", "page", "title", quiz.title,
			 "crumbs", crumbs_json(c, &quiz), "quiz", "title", quiz.title,
			 "attempt_id", (json_int_t)attempt->id, "questions", questions_json(&items));
	if (data && attempt->deadline_at)
		json_object_set_new(data, "timer", timer_json(attempt->deadline_at, time(NULL)));
	quiz_items_free(&items);
	if (data == NULL) {
		cgi_error(c, 500, "error_server");
		return;
	}
	cgi_page(c, 200, "attempt", data);
}

static void show(struct cgi *c)
{
	long long id = http_parse_id(http_param(&c->request.query, "id"));
	struct quiz_attempt attempt;
	int rc;

	if (id == 0) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	if (!cgi_require_login(c))
		return;
	/* Another user's attempt is "not found" too, so ids do not leak. */
	if ((rc = quiz_attempt_load(c->db, &attempt, id, c->user.id)) < 0) {
		cgi_error(c, rc == K_ENOTFOUND ? 404 : 500,
			  rc == K_ENOTFOUND ? "error_attempt_not_found" : "error_server");
		return;
	}
	if (strcmp(attempt.status, "open") != 0) {
		redirect_to_result(id);
		return;
	}
	if (quiz_attempt_overdue(&attempt, time(NULL))) {
		if (quiz_attempt_expire(c->db, id, time(NULL)) < 0) {
			cgi_error(c, 500, "error_server");
			return;
		}
		log_info("attempt %lld of user %lld expired unsubmitted", id, (long long)c->user.id);
		redirect_to_result(id);
		return;
	}
	render(c, &attempt);
}

static void log_outcome(const struct cgi *c, long long id, const struct quiz_outcome *out)
{
	if (out->expired)
		log_info("attempt %lld of user %lld came after the deadline: scored 0", id,
			 (long long)c->user.id);
	else
		log_info("attempt %lld of user %lld graded: %d/%d (%d%%), %s", id,
			 (long long)c->user.id, out->score, out->max_score, out->percent,
			 out->passed ? "passed" : "not passed");
}

static void submit(struct cgi *c)
{
	long long id = http_parse_id(http_param(&c->request.form, "id"));
	struct quiz_outcome out;
	int rc;

	if (id == 0) {
		cgi_error(c, 400, "error_bad_request");
		return;
	}
	rc = quiz_submit(c->db, &out, id, c->user.id, &c->request.form, c->config.key_dir,
			 time(NULL));
	if (rc == K_OK) {
		log_outcome(c, id, &out);
		redirect_to_result(id);
	} else if (rc == K_ECONFLICT) {
		/* Already closed, usually by a double click: the result is there. */
		redirect_to_result(id);
	} else if (rc == K_ENOTFOUND) {
		cgi_error(c, 404, "error_attempt_not_found");
	} else if (rc == K_ETOOBIG) {
		cgi_error(c, 400, "error_answer_too_long");
	} else {
		/* Nothing was written, so the attempt is still open and the learner
		 * can submit again. */
		log_error("cannot grade attempt %lld of user %lld: %s", id, (long long)c->user.id,
			  k_strerror(rc));
		cgi_error(c, 500, "error_grading");
	}
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "POST") == 0) {
		if (cgi_require_post(c))
			submit(c);
	} else if (strcmp(c->request.method, "GET") == 0 || strcmp(c->request.method, "HEAD") == 0) {
		show(c);
	} else {
		cgi_method_not_allowed(c, "GET, HEAD, POST");
	}
}

int main(void)
{
	struct cgi c;

	if (cgi_begin(&c, "attempt") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
