/* quizparse.h - tests written in Markdown (*.quiz.md).
 *
 * Front matter: title, time_limit (minutes, 0 = none), max_attempts (0 =
 * unlimited), pass_score (percent), shuffle, review (none or after_passing).
 * In the body, text before the first "## " heading is the rules shown on the
 * landing page. Each "## " heading starts a question, whose text is the
 * heading plus any paragraphs after it.
 * A paragraph of "Key: value" lines sets Chủ đề (topic, required), Loại
 * (type), Điểm (points) and Đáp án (answer); English keys topic, type,
 * points and answer work too. Choice questions list options as a task list
 * ("- [x]" correct, "- [ ]" wrong). A block quote is the feedback shown
 * after grading. */
#ifndef KHOA_QUIZPARSE_H
#define KHOA_QUIZPARSE_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "diag.h"
#include "markdown.h"

enum question_type { QUESTION_SINGLE, QUESTION_MULTIPLE, QUESTION_TRUEFALSE, QUESTION_SHORT };

struct quiz_option {
	char *html;
	int correct;
};

struct quiz_question {
	enum question_type type;
	int explicit_type;      /* the type came from a Loại: line */
	char *topic;
	int points;
	struct buf stem_html;
	struct quiz_option *options;
	size_t option_count;
	char *answer;           /* truefalse: "true"/"false"; short: answers joined by '\n' */
	struct buf feedback_html;
	int line;
};

struct quiz {
	char *title;
	int time_limit_minutes;
	int max_attempts;
	int pass_percent;
	int shuffle;
	int review_after_passing;  /* review: after_passing; default none */
	struct buf rules_html;
	struct quiz_question *questions;
	size_t count;
};

/* Parses a quiz from its body (front matter already split off). Link URLs
 * are rewritten with resolve. Every problem goes to diag as path:line, and
 * any error makes the result K_EPARSE: a test with a broken question is not
 * published. default_pass is the course's pass score. */
int quiz_parse(struct quiz *quiz, const char *path, json_t *meta, const char *body, size_t len,
	       int body_line, int default_pass, md_resolve_fn resolve, void *ctx, struct diag *diag);

void quiz_free(struct quiz *quiz);

const char *question_type_name(enum question_type type);

#endif
