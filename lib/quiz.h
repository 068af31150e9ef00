/* quiz.h - tests as the learner meets them: a quiz version, its questions in
 * an attempt's order, attempts, and grading a submission.
 *
 * Names avoid the generator's quizparse.h (struct quiz, quiz_parse...), which
 * describes the Markdown source of a test, not the rows in the database. */
#ifndef KHOA_QUIZ_H
#define KHOA_QUIZ_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

#include "http.h"

/* A submission that arrives this long after the deadline is still graded,
 * to cover the page's own submit delay and a slow network. */
#define QUIZ_GRACE_SECONDS 120

/* The longest short answer accepted, in characters (Unicode code points),
 * the same as the maxlength of its input on the attempt page. */
#define QUIZ_SHORT_ANSWER_MAX 1000

#define QUIZ_SLUG_MAX 128
#define QUIZ_TITLE_MAX 512

/* One row of quizzes joined to its course. */
struct quiz_version {
	int64_t id;
	int64_t course_id;
	char course_slug[QUIZ_SLUG_MAX];
	char course_title[QUIZ_TITLE_MAX];
	int course_active;
	char slug[QUIZ_SLUG_MAX];
	char title[QUIZ_TITLE_MAX];
	int time_limit_seconds;   /* 0: no limit */
	int max_attempts;         /* 0: unlimited */
	int pass_percent;
	int shuffle;
	int review_after_passing; /* review = 'after_passing'; 0 for 'none' */
	int current;
};

enum quiz_item_type { QUIZ_ITEM_SINGLE, QUIZ_ITEM_MULTIPLE, QUIZ_ITEM_TRUEFALSE, QUIZ_ITEM_SHORT };

/* One option of a choice question; position is the value a form sends. */
struct quiz_choice {
	int position;
	char *body_html;
	int correct;
};

/* One question with its key and options. */
struct quiz_item {
	int64_t id;
	int position;
	enum quiz_item_type type;
	char *topic;
	int points;
	char *stem_html;
	char *answer;             /* see the questions table in schema.c */
	char *feedback_html;
	struct quiz_choice *choices;
	size_t choice_count;
};

struct quiz_items {
	struct quiz_item *items;
	size_t count;
};

/* One row of attempts. Score fields are meaningful once status is not "open". */
struct quiz_attempt {
	int64_t id;
	int64_t user_id;
	int64_t quiz_id;
	int64_t seed;
	char status[16];          /* open, submitted, expired */
	time_t started_at;
	time_t deadline_at;       /* 0: no deadline */
	time_t submitted_at;      /* 0: not submitted */
	int score;
	int max_score;
	int percent;
	int passed;
};

/* The outcome of quiz_submit. */
struct quiz_outcome {
	int expired;              /* closed with score 0 because it came too late */
	int score;
	int max_score;
	int percent;
	int passed;
	int64_t certificate_id;   /* 0 when no certificate was issued */
};

/* --- quiz versions and questions (quiz.c) --- */

/* Loads the current version of course_slug/quiz_slug in an active course.
 * Returns K_OK, K_ENOTFOUND or K_EDB. */
int quiz_version_find_current(sqlite3 *db, struct quiz_version *out,
			      const char *course_slug, const char *quiz_slug);

/* Loads the version with this id, current or not. K_OK, K_ENOTFOUND, K_EDB. */
int quiz_version_load(sqlite3 *db, struct quiz_version *out, int64_t quiz_id);

/* Loads the questions of a version by position, each with its options by
 * position. Returns K_OK, K_ENOMEM or K_EDB; free with quiz_items_free. */
int quiz_items_load(sqlite3 *db, struct quiz_items *out, int64_t quiz_id);
void quiz_items_free(struct quiz_items *items);

/* Returns the question with this id, or NULL. */
const struct quiz_item *quiz_items_find(const struct quiz_items *items, int64_t question_id);

/* Returns 1 when the result page of attempt (at version) may show the
 * per-question review: right/wrong marks, the key and the explanations.
 * That needs a submitted, passed attempt and review = 'after_passing' on
 * both version and current, the test's current version (NULL when the test
 * is withdrawn). Used-up attempts never show it. Requiring current too means
 * a withdrawn test, or one whose editor set review back to 'none', shows no
 * key of any version, since versions share most of their questions. */
int quiz_review_shown(const struct quiz_attempt *attempt, const struct quiz_version *version,
		      const struct quiz_version *current);

/* Returns 1 when s is a slug as the generator writes them: 1..QUIZ_SLUG_MAX-1
 * bytes of a-z, 0-9 and '-'. */
int quiz_slug_valid(const char *s);

/* --- display order (quiz_order.c) --- */

/* Puts the questions, and the options of each choice question, in the order
 * an attempt with this seed shows them. The order depends only on the seed
 * and the question ids, so every page of an attempt agrees. Without shuffle
 * the stored positions are kept. */
void quiz_items_order(struct quiz_items *items, int64_t seed, int shuffle);

/* --- attempts (quiz_attempt.c) --- */

/* Loads attempt_id when user_id owns it. Returns K_ENOTFOUND for a missing
 * attempt and for another user's, so ids do not leak. K_EDB. */
int quiz_attempt_load(sqlite3 *db, struct quiz_attempt *out, int64_t attempt_id,
		      int64_t user_id);

/* Returns 1 when an open attempt is past its deadline and the grace period. */
int quiz_attempt_overdue(const struct quiz_attempt *attempt, time_t now);

/* Counts the user's attempts at every version of the test (same course and
 * slug): a corrected question makes a new version, and must not hand out
 * fresh attempts. */
int quiz_attempts_used(sqlite3 *db, int *used, int64_t user_id, const struct quiz_version *quiz);

/* Stores the id of the user's open attempt at any version of the test that
 * is not overdue, or 0. K_OK or K_EDB. */
int quiz_attempt_find_open(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
			   const struct quiz_version *quiz, time_t now);

/* Stores the id of the user's latest closed attempt at the test, or 0. */
int quiz_attempt_find_last(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
			   const struct quiz_version *quiz);

/* Starts an attempt in one BEGIN IMMEDIATE transaction: returns the open
 * attempt when there is one, else K_EPERM when the attempts are used up, else
 * creates one with a random seed and the deadline. K_OK, K_EPERM, K_EDB. */
int quiz_attempt_start(sqlite3 *db, int64_t *attempt_id, int64_t user_id,
		       const struct quiz_version *quiz, time_t now);

/* Closes an open attempt as expired with score 0. It is one UPDATE, so it
 * is atomic alone and may also run inside the caller's transaction. Returns
 * K_OK (also when the attempt was no longer open) or K_EDB. */
int quiz_attempt_expire(sqlite3 *db, int64_t attempt_id, time_t now);

/* --- responses and grading (quiz_grade.c) --- */

/* Stores in *out the malloc'd response text of question q, read from the
 * form fields named "q<id>". The text is an option position ("2"), sorted
 * positions ("1,3"), "true" or "false", or the typed text, and "" when the
 * question is unanswered. Values that are not an option of q are logged and
 * ignored. Returns K_OK, K_ETOOBIG for a short answer over
 * QUIZ_SHORT_ANSWER_MAX characters, or K_ENOMEM. */
int quiz_response_from_form(char **out, const struct quiz_item *q,
			    const struct http_params *form);

/* Grades one response: stores 1 in *correct when it is right, else 0.
 * Choice questions are all-or-nothing; short answers compare
 * text_answer_key forms. Returns K_OK or K_ENOMEM. */
int quiz_response_grade(int *correct, const struct quiz_item *q, const char *response);

/* Returns 1 when list, a stored key or response such as "1,3", contains position. */
int quiz_positions_contain(const char *list, int position);

/* Returns floor(100 * score / max_score), 0 when max_score is 0. */
int quiz_percent(int score, int max_score);

/* --- submitting (quiz_submit.c) --- */

/* Grades a submitted attempt in one BEGIN IMMEDIATE transaction: stores the
 * responses, the score and, when passed and the user has no certificate for
 * the course, issues one signed with the key in key_dir. Returns K_OK,
 * K_ENOTFOUND (missing or another user's attempt), K_ECONFLICT (no longer
 * open), K_ETOOBIG (an answer too long), K_EIO (signing key), K_EDB or
 * K_ENOMEM; on any error nothing is written. */
int quiz_submit(sqlite3 *db, struct quiz_outcome *out, int64_t attempt_id, int64_t user_id,
		const struct http_params *form, const char *key_dir, time_t now);

#endif
