/* quiz.c - loading quiz versions and their questions from the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "err.h"
#include "log.h"
#include "quiz.h"

#define VERSION_COLUMNS \
	"SELECT q.id, q.course_id, c.slug, c.title, c.active, q.slug, q.title, " \
	"q.time_limit_seconds, q.max_attempts, q.pass_percent, q.shuffle, q.current, " \
	"q.review = 'after_passing' " \
	"FROM quizzes q JOIN courses c ON c.id = q.course_id "

static void read_version(struct quiz_version *v, sqlite3_stmt *stmt)
{
	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(stmt, 0);
	v->course_id = sqlite3_column_int64(stmt, 1);
	snprintf(v->course_slug, sizeof(v->course_slug), "%s", db_column_text(stmt, 2));
	snprintf(v->course_title, sizeof(v->course_title), "%s", db_column_text(stmt, 3));
	v->course_active = sqlite3_column_int(stmt, 4);
	snprintf(v->slug, sizeof(v->slug), "%s", db_column_text(stmt, 5));
	snprintf(v->title, sizeof(v->title), "%s", db_column_text(stmt, 6));
	v->time_limit_seconds = sqlite3_column_int(stmt, 7);
	v->max_attempts = sqlite3_column_int(stmt, 8);
	v->pass_percent = sqlite3_column_int(stmt, 9);
	v->shuffle = sqlite3_column_int(stmt, 10);
	v->current = sqlite3_column_int(stmt, 11);
	v->review_after_passing = sqlite3_column_int(stmt, 12);
}

/* Steps a prepared version query once and finalizes it. */
static int step_version(sqlite3 *db, sqlite3_stmt *stmt, struct quiz_version *out)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW) {
		read_version(out, stmt);
		rc = K_OK;
	} else if (rc == SQLITE_DONE) {
		rc = K_ENOTFOUND;
	} else {
		log_error("cannot load a quiz: %s", sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_version_find_current(sqlite3 *db, struct quiz_version *out,
			      const char *course_slug, const char *quiz_slug)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &stmt, VERSION_COLUMNS
			     "WHERE c.slug = ? AND q.slug = ? AND q.current = 1 AND c.active = 1 "
			     "ORDER BY q.id DESC LIMIT 1")) < 0)
		return rc;
	db_bind_text(stmt, 1, course_slug);
	db_bind_text(stmt, 2, quiz_slug);
	return step_version(db, stmt, out);
}

int quiz_version_load(sqlite3 *db, struct quiz_version *out, int64_t quiz_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare(db, &stmt, VERSION_COLUMNS "WHERE q.id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, quiz_id);
	return step_version(db, stmt, out);
}

int quiz_review_shown(const struct quiz_attempt *attempt, const struct quiz_version *version,
		      const struct quiz_version *current)
{
	if (strcmp(attempt->status, "submitted") != 0 || !attempt->passed)
		return 0;
	return version->review_after_passing && current != NULL && current->review_after_passing;
}

int quiz_slug_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL || *s == '\0')
		return 0;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n < QUIZ_SLUG_MAX;
}

static enum quiz_item_type parse_type(const char *type)
{
	if (strcmp(type, "multiple") == 0)
		return QUIZ_ITEM_MULTIPLE;
	if (strcmp(type, "truefalse") == 0)
		return QUIZ_ITEM_TRUEFALSE;
	if (strcmp(type, "short") == 0)
		return QUIZ_ITEM_SHORT;
	return QUIZ_ITEM_SINGLE;
}

static void item_clear(struct quiz_item *q)
{
	size_t i;

	for (i = 0; i < q->choice_count; i++)
		free(q->choices[i].body_html);
	free(q->choices);
	free(q->topic);
	free(q->stem_html);
	free(q->answer);
	free(q->feedback_html);
	memset(q, 0, sizeof(*q));
}

void quiz_items_free(struct quiz_items *items)
{
	size_t i;

	for (i = 0; i < items->count; i++)
		item_clear(&items->items[i]);
	free(items->items);
	items->items = NULL;
	items->count = 0;
}

/* Fills q from a row of the question query. Returns K_OK or K_ENOMEM. */
static int read_item(struct quiz_item *q, sqlite3_stmt *stmt)
{
	memset(q, 0, sizeof(*q));
	q->id = sqlite3_column_int64(stmt, 0);
	q->position = sqlite3_column_int(stmt, 1);
	q->type = parse_type(db_column_text(stmt, 2));
	q->points = sqlite3_column_int(stmt, 4);
	q->topic = strdup(db_column_text(stmt, 3));
	q->stem_html = strdup(db_column_text(stmt, 5));
	q->answer = strdup(db_column_text(stmt, 6));
	q->feedback_html = strdup(db_column_text(stmt, 7));
	if (!q->topic || !q->stem_html || !q->answer || !q->feedback_html) {
		item_clear(q);
		return K_ENOMEM;
	}
	return K_OK;
}

/* Appends one row of the question query to items. */
static int append_item(struct quiz_items *items, sqlite3_stmt *stmt)
{
	struct quiz_item *grown = realloc(items->items, (items->count + 1) * sizeof(*grown));
	int rc;

	if (grown == NULL)
		return K_ENOMEM;
	items->items = grown;
	if ((rc = read_item(&items->items[items->count], stmt)) < 0)
		return rc;
	items->count++;
	return K_OK;
}

/* Appends one row of the option query to the question it belongs to. */
static int append_choice(struct quiz_items *items, sqlite3_stmt *stmt)
{
	struct quiz_item *q = (struct quiz_item *)quiz_items_find(items, sqlite3_column_int64(stmt, 0));
	struct quiz_choice *grown, *c;

	if (q == NULL)
		return K_OK;
	grown = realloc(q->choices, (q->choice_count + 1) * sizeof(*grown));
	if (grown == NULL)
		return K_ENOMEM;
	q->choices = grown;
	c = &q->choices[q->choice_count];
	c->position = sqlite3_column_int(stmt, 1);
	c->correct = sqlite3_column_int(stmt, 3);
	if ((c->body_html = strdup(db_column_text(stmt, 2))) == NULL)
		return K_ENOMEM;
	q->choice_count++;
	return K_OK;
}

/* Runs a query bound to quiz_id and passes each row to add. */
static int load_rows(sqlite3 *db, const char *sql, int64_t quiz_id, struct quiz_items *items,
		     int (*add)(struct quiz_items *, sqlite3_stmt *))
{
	sqlite3_stmt *stmt = NULL;
	int rc, step;

	if ((rc = db_prepare(db, &stmt, sql)) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, quiz_id);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
		if ((rc = add(items, stmt)) < 0)
			break;
	if (rc == K_OK && step != SQLITE_DONE) {
		log_error("cannot load the questions of quiz %lld: %s", (long long)quiz_id,
			  sqlite3_errmsg(db));
		rc = K_EDB;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int quiz_items_load(sqlite3 *db, struct quiz_items *out, int64_t quiz_id)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = load_rows(db, "SELECT id, position, type, topic, points, stem_html, answer, "
		       "feedback_html FROM questions WHERE quiz_id = ? ORDER BY position",
		       quiz_id, out, append_item);
	if (rc == K_OK)
		rc = load_rows(db, "SELECT o.question_id, o.position, o.body_html, o.correct "
			       "FROM options o JOIN questions q ON q.id = o.question_id "
			       "WHERE q.quiz_id = ? ORDER BY q.position, o.position",
			       quiz_id, out, append_choice);
	if (rc < 0)
		quiz_items_free(out);
	return rc;
}

const struct quiz_item *quiz_items_find(const struct quiz_items *items, int64_t question_id)
{
	size_t i;

	for (i = 0; i < items->count; i++)
		if (items->items[i].id == question_id)
			return &items->items[i];
	return NULL;
}
