/* catalog.c - the generator's side of the database: catalogue and tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "timefmt.h"

/* Distinct SQL statements of one catalogue write; each is prepared once. */
#define WRITER_STATEMENTS 16

struct writer {
	sqlite3 *db;
	const char *commit_id;
	char now[21];
	struct {
		const char *sql;    /* a string literal, so compared by address */
		sqlite3_stmt *stmt;
	} cache[WRITER_STATEMENTS];
};

/* Returns the statement for sql, prepared on first use and reset after. A
 * build inserts thousands of rows with the same few statements, and
 * preparing each time cost most of the catalogue's time. */
static int prepare(struct writer *w, sqlite3_stmt **out, const char *sql)
{
	int i;

	for (i = 0; i < WRITER_STATEMENTS && w->cache[i].sql; i++) {
		if (w->cache[i].sql == sql) {
			*out = w->cache[i].stmt;
			sqlite3_reset(*out);
			sqlite3_clear_bindings(*out);
			return K_OK;
		}
	}
	if (i == WRITER_STATEMENTS)
		return db_prepare(w->db, out, sql);
	if (db_prepare(w->db, out, sql) < 0)
		return K_EDB;
	w->cache[i].sql = sql;
	w->cache[i].stmt = *out;
	return K_OK;
}

static int cached(const struct writer *w, const sqlite3_stmt *stmt)
{
	for (int i = 0; i < WRITER_STATEMENTS && w->cache[i].sql; i++)
		if (w->cache[i].stmt == stmt)
			return 1;
	return 0;
}

/* Steps a statement that returns no rows and releases it for reuse. */
static int step_done(struct writer *w, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt) == SQLITE_DONE ? K_OK : K_EDB;

	if (rc < 0)
		log_error("database: %s", sqlite3_errmsg(w->db));
	if (cached(w, stmt))
		sqlite3_reset(stmt);
	else
		sqlite3_finalize(stmt);
	return rc;
}

static void writer_finish(struct writer *w)
{
	for (int i = 0; i < WRITER_STATEMENTS && w->cache[i].sql; i++)
		sqlite3_finalize(w->cache[i].stmt);
	memset(w->cache, 0, sizeof(w->cache));
}

static int write_settings(struct writer *w, const struct content *c)
{
	char *site = json_dumps(c->site, JSON_COMPACT);
	int rc;

	if (site == NULL)
		return K_ENOMEM;
	if ((rc = db_setting_set(w->db, "site", site)) == K_OK &&
	    (rc = db_setting_set(w->db, "language", c->language)) == K_OK)
		rc = db_setting_set(w->db, "build_commit", w->commit_id);
	free(site);
	return rc;
}

static int write_categories(struct writer *w, const struct content *c)
{
	sqlite3_stmt *stmt = NULL;
	json_t *item;
	size_t i;
	int rc;

	if ((rc = db_exec(w->db, "DELETE FROM categories")) < 0)
		return rc;
	json_array_foreach(c->categories, i, item) {
		if ((rc = prepare(w, &stmt, "INSERT INTO categories (slug, title, position) "
					       "VALUES (?, ?, ?)")) < 0)
			return rc;
		db_bind_text(stmt, 1, json_string_value(json_object_get(item, "slug")));
		db_bind_text(stmt, 2, json_string_value(json_object_get(item, "title")));
		sqlite3_bind_int(stmt, 3, (int)i);
		if ((rc = step_done(w, stmt)) < 0)
			return rc;
	}
	return K_OK;
}

static int upsert_course(struct writer *w, const struct course *course, int position,
			 sqlite3_int64 *course_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*course_id = 0;
	if ((rc = prepare(w, &stmt,
			     "INSERT INTO courses (slug, title, category, summary, certificate_title, "
			     "position, active, commit_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?) "
			     "ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
			     "category = excluded.category, summary = excluded.summary, "
			     "certificate_title = excluded.certificate_title, position = excluded.position, "
			     "active = 1, commit_id = excluded.commit_id RETURNING id")) < 0)
		return rc;
	db_bind_text(stmt, 1, course->slug);
	db_bind_text(stmt, 2, course->title);
	db_bind_text(stmt, 3, course->category);
	db_bind_text(stmt, 4, course->summary);
	db_bind_text(stmt, 5, course->certificate_title);
	sqlite3_bind_int(stmt, 6, position);
	db_bind_text(stmt, 7, w->commit_id);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*course_id = sqlite3_column_int64(stmt, 0);
	else
		log_error("database: %s", sqlite3_errmsg(w->db));
	sqlite3_reset(stmt);
	return *course_id ? K_OK : K_EDB;
}

static int write_lessons(struct writer *w, const struct course *course, sqlite3_int64 course_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = prepare(w, &stmt, "UPDATE lessons SET active = 0 WHERE course_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, course_id);
	if ((rc = step_done(w, stmt)) < 0)
		return rc;

	for (size_t i = 0; i < course->lesson_count; i++) {
		const struct lesson *l = &course->lessons[i];

		if ((rc = prepare(w, &stmt,
				     "INSERT INTO lessons (course_id, slug, title, position, duration_minutes, active) "
				     "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (course_id, slug) DO UPDATE SET "
				     "title = excluded.title, position = excluded.position, "
				     "duration_minutes = excluded.duration_minutes, active = 1")) < 0)
			return rc;
		sqlite3_bind_int64(stmt, 1, course_id);
		db_bind_text(stmt, 2, l->slug);
		db_bind_text(stmt, 3, l->title);
		sqlite3_bind_int(stmt, 4, (int)i + 1);
		sqlite3_bind_int(stmt, 5, l->duration_minutes);
		if ((rc = step_done(w, stmt)) < 0)
			return rc;
	}
	return K_OK;
}

static int insert_options(struct writer *w, const struct quiz_question *q, sqlite3_int64 question_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	for (size_t i = 0; i < q->option_count; i++) {
		if ((rc = prepare(w, &stmt, "INSERT INTO options (question_id, position, "
					       "body_html, correct) VALUES (?, ?, ?, ?)")) < 0)
			return rc;
		sqlite3_bind_int64(stmt, 1, question_id);
		sqlite3_bind_int(stmt, 2, (int)i + 1);
		db_bind_text(stmt, 3, q->options[i].html);
		sqlite3_bind_int(stmt, 4, q->options[i].correct ? 1 : 0);
		if ((rc = step_done(w, stmt)) < 0)
			return rc;
	}
	return K_OK;
}

/* The key of a choice question: the 1-based positions of its correct options. */
static char *choice_key(const struct quiz_question *q)
{
	struct buf key = BUF_INIT;

	for (size_t i = 0; i < q->option_count; i++)
		if (q->options[i].correct)
			buf_printf(&key, "%s%zu", key.len ? "," : "", i + 1);
	return buf_detach(&key);
}

static int insert_question(struct writer *w, const struct quiz_question *q, int position,
			   sqlite3_int64 quiz_id)
{
	sqlite3_stmt *stmt = NULL;
	char *key = q->answer ? strdup(q->answer) : choice_key(q);
	int rc;

	if (key == NULL)
		return K_ENOMEM;
	if ((rc = prepare(w, &stmt,
			     "INSERT INTO questions (quiz_id, position, type, topic, points, stem_html, "
			     "answer, feedback_html, source_line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) < 0)
		goto cleanup;
	sqlite3_bind_int64(stmt, 1, quiz_id);
	sqlite3_bind_int(stmt, 2, position);
	db_bind_text(stmt, 3, question_type_name(q->type));
	db_bind_text(stmt, 4, q->topic);
	sqlite3_bind_int(stmt, 5, q->points);
	db_bind_text(stmt, 6, buf_cstr(&q->stem_html));
	db_bind_text(stmt, 7, key);
	db_bind_text(stmt, 8, buf_cstr(&q->feedback_html));
	sqlite3_bind_int(stmt, 9, q->line);
	if ((rc = step_done(w, stmt)) == K_OK)
		rc = insert_options(w, q, sqlite3_last_insert_rowid(w->db));

cleanup:
	free(key);
	return rc;
}

static int find_quiz_version(struct writer *w, sqlite3_int64 course_id, const char *slug,
			     const char *hash, sqlite3_int64 *quiz_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	*quiz_id = 0;
	if ((rc = prepare(w, &stmt, "SELECT id FROM quizzes WHERE course_id = ? AND slug = ? "
				       "AND content_hash = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, course_id);
	db_bind_text(stmt, 2, slug);
	db_bind_text(stmt, 3, hash);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		*quiz_id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return K_OK;
}

static int insert_quiz(struct writer *w, const struct course_quiz *cq, sqlite3_int64 course_id,
		       const char *hash, sqlite3_int64 *quiz_id)
{
	const struct quiz *q = &cq->quiz;
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = prepare(w, &stmt,
			     "INSERT INTO quizzes (course_id, slug, title, content_hash, time_limit_seconds, "
			     "max_attempts, pass_percent, shuffle, review, current, commit_id, created_at) "
			     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, course_id);
	db_bind_text(stmt, 2, cq->slug);
	db_bind_text(stmt, 3, q->title);
	db_bind_text(stmt, 4, hash);
	sqlite3_bind_int(stmt, 5, q->time_limit_minutes * 60);
	sqlite3_bind_int(stmt, 6, q->max_attempts);
	sqlite3_bind_int(stmt, 7, q->pass_percent);
	sqlite3_bind_int(stmt, 8, q->shuffle);
	db_bind_text(stmt, 9, q->review_after_passing ? "after_passing" : "none");
	db_bind_text(stmt, 10, w->commit_id);
	db_bind_text(stmt, 11, w->now);
	if ((rc = step_done(w, stmt)) < 0)
		return rc;
	*quiz_id = sqlite3_last_insert_rowid(w->db);

	for (size_t i = 0; i < q->count; i++)
		if ((rc = insert_question(w, &q->questions[i], (int)i + 1, *quiz_id)) < 0)
			return rc;
	return K_OK;
}

/* Makes the version of this test current: the existing row when the file
 * and the settings it inherits are unchanged, else a new row. */
static int write_quiz(struct writer *w, const struct course_quiz *cq, sqlite3_int64 course_id)
{
	sqlite3_stmt *stmt = NULL;
	sqlite3_int64 quiz_id = 0;
	char hash[GIT_OID_HEXSZ + 16];
	int rc;

	snprintf(hash, sizeof(hash), "%s/p%d", cq->content_hash, cq->quiz.pass_percent);
	/* The pass mark can come from course.md, so it is part of the version. */
	if ((rc = find_quiz_version(w, course_id, cq->slug, hash, &quiz_id)) < 0)
		return rc;
	if (quiz_id == 0 && (rc = insert_quiz(w, cq, course_id, hash, &quiz_id)) < 0)
		return rc;

	if ((rc = prepare(w, &stmt, "UPDATE quizzes SET current = (id = ?) "
				       "WHERE course_id = ? AND slug = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, quiz_id);
	sqlite3_bind_int64(stmt, 2, course_id);
	db_bind_text(stmt, 3, cq->slug);
	return step_done(w, stmt);
}

static int write_course(struct writer *w, const struct course *course, int position)
{
	sqlite3_int64 course_id;
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = upsert_course(w, course, position, &course_id)) < 0 ||
	    (rc = write_lessons(w, course, course_id)) < 0)
		return rc;

	/* Tests that left the course stop taking new attempts. */
	if ((rc = prepare(w, &stmt, "UPDATE quizzes SET current = 0 WHERE course_id = ?")) < 0)
		return rc;
	sqlite3_bind_int64(stmt, 1, course_id);
	if ((rc = step_done(w, stmt)) < 0)
		return rc;
	for (size_t i = 0; i < course->quiz_count; i++)
		if ((rc = write_quiz(w, &course->quizzes[i], course_id)) < 0)
			return rc;
	return K_OK;
}

static int record_build(struct writer *w, int warnings)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if ((rc = prepare(w, &stmt, "INSERT INTO builds (commit_id, built_at, warnings) "
				       "VALUES (?, ?, ?)")) < 0)
		return rc;
	db_bind_text(stmt, 1, w->commit_id);
	db_bind_text(stmt, 2, w->now);
	sqlite3_bind_int(stmt, 3, warnings);
	return step_done(w, stmt);
}

int catalog_write(sqlite3 *db, const struct content *c, const char *commit_id, int warnings)
{
	struct writer w = {db, commit_id, "", {{0}}};
	int rc;

	time_iso_utc(w.now, time(NULL));
	if ((rc = db_begin(db)) < 0)
		return rc;
	if ((rc = write_settings(&w, c)) < 0 || (rc = write_categories(&w, c)) < 0 ||
	    (rc = db_exec(db, "UPDATE courses SET active = 0")) < 0)
		goto fail;
	for (size_t i = 0; i < c->course_count; i++)
		if ((rc = write_course(&w, &c->courses[i], (int)i)) < 0)
			goto fail;
	if ((rc = db_exec(db, "UPDATE quizzes SET current = 0 WHERE course_id IN "
			      "(SELECT id FROM courses WHERE active = 0)")) < 0 ||
	    (rc = record_build(&w, warnings)) < 0)
		goto fail;
	writer_finish(&w);
	return db_commit(db);

fail:
	writer_finish(&w);
	db_rollback(db);
	return K_EDB;
}
