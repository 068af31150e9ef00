/* pages.c - build each page's template data and write the HTML files. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "output.h"
#include "pages.h"

struct writer {
	struct view *view;
	const char *out_dir;
	struct diag *diag;
	struct buf html;
};

/* Renders template over data into url's index.html, or into url itself for
 * a top-level .html page such as /404.html; data is released. */
static int write_page(struct writer *w, const char *url, const char *template, json_t *data)
{
	struct buf path = BUF_INIT;
	int rc;

	buf_clear(&w->html);
	if (data == NULL)
		return K_ENOMEM;
	rc = view_render_page(w->view, &w->html, template, data);
	json_decref(data);
	if (rc < 0) {
		diag_error(w->diag, template, 0, "cannot render the page %s: %s", url, k_strerror(rc));
		return rc;
	}
	if (url[0] == '/' && strchr(url + 1, '/') == NULL && strstr(url, ".html"))
		buf_puts(&path, url + 1);
	else
		buf_printf(&path, "%sindex.html", url + 1);
	rc = output_write(w->out_dir, path.data, w->html.data, w->html.len);
	buf_free(&path);
	return rc;
}

/* Sets obj[key] to an HTML string that cmark-gfm rendered from validated
 * UTF-8, without jansson checking it again. */
static void set_html(json_t *obj, const char *key, const char *html)
{
	if (obj && html)
		json_object_set_new(obj, key, json_string_nocheck(html));
}

static json_t *crumbs(const char *title1, const char *url1, const char *title2, const char *url2)
{
	json_t *items = json_array();

	json_array_append_new(items, json_pack("{s:s, s:s}", "title", title1, "url", url1));
	if (title2)
		json_array_append_new(items, json_pack("{s:s, s:s}", "title", title2, "url", url2));
	return json_pack("{s:o}", "items", items);
}

static int course_minutes(const struct course *course)
{
	int total = 0;

	for (size_t i = 0; i < course->lesson_count; i++)
		total += course->lessons[i].duration_minutes;
	return total;
}

static json_t *course_card(const struct course *course)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:i, s:i, s:b}", "title", course->title,
			 "url", course->url, "summary", course->summary, "cover_url", course->cover_url,
			 "lesson_count", (int)course->lesson_count, "minutes", course_minutes(course),
			 "has_quiz", course->quiz_count > 0);
}

static int write_home(struct writer *w, const struct content *c)
{
	json_t *categories = json_deep_copy(c->categories), *category;
	size_t i;

	json_array_foreach(categories, i, category) {
		const char *slug = json_string_value(json_object_get(category, "slug"));
		json_t *cards = json_object_get(category, "courses");

		for (size_t k = 0; k < c->course_count; k++)
			if (strcmp(c->courses[k].category, slug) == 0)
				json_array_append_new(cards, course_card(&c->courses[k]));
		json_object_set_new(category, "has_courses", json_boolean(json_array_size(cards) > 0));
	}
	return write_page(w, "/", "home",
			  json_pack("{s:{s:s}, s:o, s:b}", "page", "title",
				    view_string(w->view, "home_title"), "categories", categories,
				    "empty", c->course_count == 0));
}

static json_t *lesson_list(const struct course *course)
{
	json_t *list = json_array();

	for (size_t i = 0; i < course->lesson_count; i++) {
		const struct lesson *l = &course->lessons[i];

		json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:i}", "number", (int)i + 1,
						      "title", l->title, "url", l->url,
						      "duration", l->duration_minutes));
	}
	return list;
}

static json_t *quiz_list(const struct course *course)
{
	json_t *list = json_array();

	for (size_t i = 0; i < course->quiz_count; i++)
		json_array_append_new(list, json_pack("{s:s, s:s}", "title", course->quizzes[i].quiz.title,
						      "url", course->quizzes[i].url));
	return list;
}

static int write_course(struct writer *w, const struct course *course)
{
	json_t *data = json_pack("{s:{s:s}, s:o, s:{s:s, s:s, s:s, s:s?, s:o, s:o, s:i, s:s?}}",
				 "page", "title", course->title,
				 "crumbs", crumbs(view_string(w->view, "nav_courses"), "/", NULL, NULL),
				 "course", "title", course->title, "summary", course->summary,
				 "description_html", course->description_html, "cover_url", course->cover_url,
				 "lessons", lesson_list(course), "quizzes", quiz_list(course),
				 "minutes", course_minutes(course),
				 "first_lesson_url", course->lesson_count ? course->lessons[0].url : NULL);

	return write_page(w, course->url, "course", data);
}

static json_t *neighbour(const struct lesson *l)
{
	return l ? json_pack("{s:s, s:s}", "title", l->title, "url", l->url) : json_null();
}

static int write_lesson(struct writer *w, const struct course *course, size_t i)
{
	const struct lesson *l = &course->lessons[i];
	const struct lesson *prev = i > 0 ? &course->lessons[i - 1] : NULL;
	const struct lesson *next = i + 1 < course->lesson_count ? &course->lessons[i + 1] : NULL;
	json_t *quiz = json_null();
	json_t *data;

	if (next == NULL && course->quiz_count > 0)
		quiz = json_pack("{s:s, s:s}", "title", course->quizzes[0].quiz.title,
				 "url", course->quizzes[0].url);
	data = json_pack("{s:{s:s}, s:o, s:{s:s, s:s}, s:{s:i, s:i, s:s, s:i, s:s?, s:s?, s:s?, s:s?},"
			 " s:o, s:o, s:o}",
			 "page", "title", l->title,
			 "crumbs", crumbs(view_string(w->view, "nav_courses"), "/", course->title, course->url),
			 "course", "title", course->title, "url", course->url,
			 "lesson", "number", (int)i + 1, "count", (int)course->lesson_count, "title", l->title,
			 "duration", l->duration_minutes, "video_url", l->video_url,
			 "captions_url", l->captions_url, "audio_url", l->audio_url, "slides_url", l->slides_url,
			 "prev", neighbour(prev), "next", neighbour(next), "quiz", quiz);
	set_html(json_object_get(data, "lesson"), "html", l->html);
	return write_page(w, l->url, "lesson", data);
}

/* The landing page describes the test only: settings, rules and topics. */
static int write_quiz(struct writer *w, const struct course *course, const struct course_quiz *cq)
{
	const struct quiz *q = &cq->quiz;
	json_t *topics = json_array(), *data;
	struct buf start = BUF_INIT;
	int rc;

	for (size_t i = 0; i < q->count; i++) {
		json_t *topic = json_string(q->questions[i].topic);
		size_t k, seen = 0;
		json_t *t;

		json_array_foreach(topics, k, t)
			seen |= json_equal(t, topic);
		if (!seen)
			json_array_append(topics, topic);
		json_decref(topic);
	}
	buf_printf(&start, "/cgi-bin/start?quiz=%s/%s", course->slug, cq->slug);
	data = json_pack("{s:{s:s}, s:o, s:{s:s, s:s}, s:{s:s, s:s, s:i, s:i, s:i, s:i, s:o, s:s}}",
			 "page", "title", q->title,
			 "crumbs", crumbs(view_string(w->view, "nav_courses"), "/", course->title, course->url),
			 "course", "title", course->title, "url", course->url,
			 "quiz", "title", q->title, "rules_html", buf_cstr(&q->rules_html),
			 "question_count", (int)q->count, "time_limit", q->time_limit_minutes,
			 "max_attempts", q->max_attempts, "pass_percent", q->pass_percent,
			 "topics", topics, "start_url", buf_cstr(&start));
	rc = write_page(w, cq->url, "quiz", data);
	buf_free(&start);
	return rc;
}

static int write_help_page(struct writer *w, const struct help_page *p)
{
	return write_page(w, p->url, "page", json_pack("{s:{s:s}, s:s}", "page", "title", p->title,
						      "html", p->html));
}

static int write_course_pages(struct writer *w, const struct course *course)
{
	int rc;

	if ((rc = write_course(w, course)) < 0)
		return rc;
	for (size_t i = 0; i < course->lesson_count; i++)
		if ((rc = write_lesson(w, course, i)) < 0)
			return rc;
	for (size_t i = 0; i < course->quiz_count; i++)
		if ((rc = write_quiz(w, course, &course->quizzes[i])) < 0)
			return rc;
	return K_OK;
}

/* Writes the pages the web server shows for its own errors (lighttpd's
 * server.errorfile-prefix), so that no English server page reaches users. */
static int write_status_pages(struct writer *w)
{
	static const int statuses[] = {400, 403, 411, 413, 416, 431, 500, 501, 503};
	char url[16], title[32], message[32];
	int rc = K_OK;

	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]) && rc == K_OK; i++) {
		snprintf(url, sizeof(url), "/%d.html", statuses[i]);
		snprintf(title, sizeof(title), "status_%d_title", statuses[i]);
		snprintf(message, sizeof(message), "status_%d_message", statuses[i]);
		rc = write_page(w, url, "status",
				json_pack("{s:{s:s}, s:s, s:s}", "page", "title",
					  view_string(w->view, title), "title",
					  view_string(w->view, title), "message",
					  view_string(w->view, message)));
	}
	return rc;
}

int pages_write(const struct content *c, struct view *view, const char *out_dir, struct diag *diag)
{
	struct writer w = {view, out_dir, diag, BUF_INIT};
	int rc;

	if ((rc = write_home(&w, c)) < 0)
		goto cleanup;
	for (size_t i = 0; i < c->course_count; i++)
		if ((rc = write_course_pages(&w, &c->courses[i])) < 0)
			goto cleanup;
	for (size_t i = 0; i < c->page_count; i++)
		if ((rc = write_help_page(&w, &c->pages[i])) < 0)
			goto cleanup;
	rc = write_page(&w, "/404.html", "notfound",
			json_pack("{s:{s:s}}", "page", "title", view_string(view, "page_not_found")));
	if (rc == K_OK)
		rc = write_status_pages(&w);

cleanup:
	buf_free(&w.html);
	return rc;
}
