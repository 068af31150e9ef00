/* quizparse.c - read a *.quiz.md test into questions, options and answer keys. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "err.h"
#include "frontmatter.h"
#include "quizparse.h"
#include "text.h"

#define QUIZ_MAX_OPTIONS 10

struct parser {
	struct quiz *quiz;
	const char *path;
	const char *body;
	size_t len;
	struct md_doc doc;
	struct diag *diag;
	int errors;
};

const char *question_type_name(enum question_type type)
{
	switch (type) {
	case QUESTION_SINGLE: return "single";
	case QUESTION_MULTIPLE: return "multiple";
	case QUESTION_TRUEFALSE: return "truefalse";
	case QUESTION_SHORT: return "short";
	}
	return "single";
}

static void parse_error(struct parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void parse_error(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_verror(p->diag, p->path, line, fmt, ap);
	va_end(ap);
	p->errors++;
}

/* Case-folded copy of s[0..n) with spaces collapsed; "" on failure. */
static char *fold(const char *s, size_t n)
{
	char *key = NULL;

	if (text_answer_key(&key, s, n) < 0)
		return strdup("");
	return key;
}

static int key_is(const char *key, const char *vi, const char *en)
{
	return strcmp(key, vi) == 0 || strcmp(key, en) == 0;
}

static int known_key(const char *key)
{
	return key_is(key, "chủ đề", "topic") || key_is(key, "loại", "type") ||
	       key_is(key, "điểm", "points") || key_is(key, "đáp án", "answer");
}

/* Copies the source line `line` (1-based, body-relative) without its newline. */
static char *source_line(const struct parser *p, int line)
{
	const char *s = p->body, *end = p->body + p->len, *nl;
	size_t n;
	char *copy;

	for (int i = 1; i < line && s < end; i++) {
		nl = memchr(s, '\n', (size_t)(end - s));
		s = nl ? nl + 1 : end;
	}
	nl = memchr(s, '\n', (size_t)(end - s));
	n = nl ? (size_t)(nl - s) : (size_t)(end - s);
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if ((copy = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/* Splits "Key: value" into a folded key and a trimmed value; 0 when the line
 * has no colon. */
static int split_meta(const char *line, char **key, char **value)
{
	const char *colon = strchr(line, ':');

	*key = *value = NULL;
	if (colon == NULL)
		return 0;
	*key = fold(line, (size_t)(colon - line));
	colon++;
	while (*colon == ' ' || *colon == '\t')
		colon++;
	*value = strdup(colon);
	if (*value) {
		size_t n = strlen(*value);

		while (n > 0 && ((*value)[n - 1] == ' ' || (*value)[n - 1] == '\t'))
			(*value)[--n] = '\0';
	}
	return *key && *value;
}

static int parse_type(enum question_type *out, const char *value)
{
	char *v = fold(value, strlen(value));
	int ok = 1;

	if (key_is(v, "một lựa chọn", "single"))
		*out = QUESTION_SINGLE;
	else if (key_is(v, "nhiều lựa chọn", "multiple"))
		*out = QUESTION_MULTIPLE;
	else if (key_is(v, "đúng sai", "true-false") || key_is(v, "đúng/sai", "truefalse"))
		*out = QUESTION_TRUEFALSE;
	else if (key_is(v, "điền từ", "short") || key_is(v, "trả lời ngắn", "short answer"))
		*out = QUESTION_SHORT;
	else
		ok = 0;
	free(v);
	return ok;
}

/* Stores the answer line as given; validate_question interprets it by type. */
static void apply_meta(struct parser *p, struct quiz_question *q, const char *key,
		       const char *value, int line)
{
	if (key_is(key, "chủ đề", "topic")) {
		free(q->topic);
		q->topic = strdup(value);
	} else if (key_is(key, "loại", "type")) {
		if (parse_type(&q->type, value))
			q->explicit_type = 1;
		else
			parse_error(p, line, "unknown question type \"%s\"; use một lựa chọn, "
				    "nhiều lựa chọn, đúng sai or điền từ", value);
	} else if (key_is(key, "điểm", "points")) {
		char *end = NULL;
		long v = strtol(value, &end, 10);

		if (end == value || *end != '\0' || v < 1 || v > 100)
			parse_error(p, line, "points must be a whole number from 1 to 100, not \"%s\"", value);
		else
			q->points = (int)v;
	} else {
		free(q->answer);
		q->answer = strdup(value);
	}
}

/* Returns 1 when the paragraph is a block of "Key: value" lines (applied
 * to q), 0 when it is ordinary question text. */
static int try_meta_paragraph(struct parser *p, struct quiz_question *q, cmark_node *para)
{
	int first = cmark_node_get_start_line(para), last = cmark_node_get_end_line(para);
	int is_meta = 0;

	for (int line = first; line <= last; line++) {
		char *text = source_line(p, line), *key = NULL, *value = NULL;
		int file_line = p->doc.first_line - 1 + line;

		if (text && split_meta(text, &key, &value) && known_key(key)) {
			if (line == first)
				is_meta = 1;
			if (is_meta)
				apply_meta(p, q, key, value, file_line);
		} else if (is_meta) {
			parse_error(p, file_line, "expected a \"Key: value\" line (Chủ đề, Loại, "
				    "Điểm or Đáp án) in the question's settings, found \"%s\"", text);
		}
		free(text);
		free(key);
		free(value);
		if (!is_meta)
			return 0;
	}
	return 1;
}

static int is_task_item(cmark_node *item)
{
	const char *type = cmark_node_get_type_string(item);

	return type && strcmp(type, "tasklist") == 0;
}

/* Renders a list item's content: inline when it is one paragraph. */
static int render_item(struct buf *out, struct parser *p, cmark_node *item)
{
	cmark_node *child = cmark_node_first_child(item);

	if (child && cmark_node_next(child) == NULL &&
	    cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH)
		return md_render_children(out, &p->doc, child);
	for (; child; child = cmark_node_next(child)) {
		int rc = md_render_node(out, &p->doc, child);

		if (rc < 0)
			return rc;
	}
	return K_OK;
}

static void parse_options(struct parser *p, struct quiz_question *q, cmark_node *list)
{
	cmark_node *item;
	size_t count = 0;

	if (q->options != NULL) {
		parse_error(p, md_line(&p->doc, list), "the question already has its options; "
			    "start the next question with a \"## \" heading");
		return;
	}
	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item))
		count++;
	if (count > QUIZ_MAX_OPTIONS) {
		parse_error(p, md_line(&p->doc, list), "a question may have at most 10 options");
		return;
	}
	if ((q->options = calloc(count ? count : 1, sizeof(*q->options))) == NULL)
		return;

	for (item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		struct quiz_option *o = &q->options[q->option_count];
		struct buf html = BUF_INIT;

		if (!is_task_item(item)) {
			parse_error(p, md_line(&p->doc, item), "an option must start with \"[ ]\" "
				    "(wrong) or \"[x]\" (correct)");
			continue;
		}
		o->correct = cmark_gfm_extensions_get_tasklist_item_checked(item);
		render_item(&html, p, item);
		o->html = buf_detach(&html);
		q->option_count++;
	}
}

static size_t count_correct(const struct quiz_question *q)
{
	size_t n = 0;

	for (size_t i = 0; i < q->option_count; i++)
		n += q->options[i].correct != 0;
	return n;
}

/* Turns "a | b" into "a\nb" with each answer trimmed; NULL when empty. */
static char *short_answers(const char *value)
{
	struct buf out = BUF_INIT;
	const char *s = value;

	while (*s) {
		const char *bar = strchr(s, '|'), *end = bar ? bar : s + strlen(s);

		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end > s) {
			if (out.len > 0)
				buf_putc(&out, '\n');
			buf_append(&out, s, (size_t)(end - s));
		}
		s = bar ? bar + 1 : s + strlen(s);
	}
	return out.len > 0 ? buf_detach(&out) : (buf_free(&out), NULL);
}

static void validate_answer(struct parser *p, struct quiz_question *q)
{
	char *v = q->answer ? fold(q->answer, strlen(q->answer)) : NULL;

	if (q->type == QUESTION_TRUEFALSE) {
		free(q->answer);
		q->answer = NULL;
		if (v && key_is(v, "đúng", "true"))
			q->answer = strdup("true");
		else if (v && key_is(v, "sai", "false"))
			q->answer = strdup("false");
		else
			parse_error(p, q->line, "a true/false question needs \"Đáp án: đúng\" or "
				    "\"Đáp án: sai\"");
	} else {
		char *answers = q->answer ? short_answers(q->answer) : NULL;

		free(q->answer);
		q->answer = answers;
		if (answers == NULL)
			parse_error(p, q->line, "a short-answer question needs \"Đáp án:\" with the "
				    "accepted answers separated by \" | \"");
	}
	free(v);
}

static void validate_choices(struct parser *p, struct quiz_question *q)
{
	size_t correct = count_correct(q);

	if (!q->explicit_type)
		q->type = correct > 1 ? QUESTION_MULTIPLE : QUESTION_SINGLE;
	if (q->option_count < 2)
		parse_error(p, q->line, "a choice question needs at least two options "
			    "written as \"- [ ] text\" or \"- [x] text\"");
	else if (q->type == QUESTION_SINGLE && correct != 1)
		parse_error(p, q->line, "a single-choice question needs exactly one correct "
			    "option marked \"[x]\"");
	else if (q->type == QUESTION_MULTIPLE && correct == 0)
		parse_error(p, q->line, "a multiple-choice question needs at least one correct "
			    "option marked \"[x]\"");
	free(q->answer);
	q->answer = NULL;
}

static void validate_question(struct parser *p, struct quiz_question *q)
{
	if (q->topic == NULL || q->topic[0] == '\0')
		parse_error(p, q->line, "the question has no topic; add a line \"Chủ đề: ...\" "
			    "so that reports can group results by topic");

	if (q->option_count == 0 && !q->explicit_type)
		q->type = q->answer ? QUESTION_SHORT : QUESTION_SINGLE;
	if (q->type == QUESTION_TRUEFALSE || q->type == QUESTION_SHORT) {
		if (q->option_count > 0)
			parse_error(p, q->line, "a true/false or short-answer question takes "
				    "\"Đáp án:\" instead of a list of options");
		validate_answer(p, q);
	} else {
		validate_choices(p, q);
	}
}

static struct quiz_question *add_question(struct parser *p, cmark_node *heading)
{
	struct quiz *quiz = p->quiz;
	struct quiz_question *questions, *q;

	questions = realloc(quiz->questions, (quiz->count + 1) * sizeof(*questions));
	if (questions == NULL)
		return NULL;
	quiz->questions = questions;
	q = &quiz->questions[quiz->count++];
	memset(q, 0, sizeof(*q));
	q->points = 1;
	q->line = md_line(&p->doc, heading);
	buf_puts(&q->stem_html, "<p>");
	md_render_children(&q->stem_html, &p->doc, heading);
	buf_puts(&q->stem_html, "</p>\n");
	return q;
}

/* Sorts one top-level block into the rules, a question's text, its settings,
 * its options or its feedback. */
static void parse_block(struct parser *p, struct quiz_question **current, cmark_node *node)
{
	cmark_node_type type = cmark_node_get_type(node);
	struct quiz_question *q = *current;

	if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == 2) {
		if (q)
			validate_question(p, q);
		*current = add_question(p, node);
		return;
	}
	if (q == NULL) {
		md_render_node(&p->quiz->rules_html, &p->doc, node);
		return;
	}
	if (type == CMARK_NODE_PARAGRAPH && try_meta_paragraph(p, q, node))
		return;
	if (type == CMARK_NODE_LIST)
		parse_options(p, q, node);
	else if (type == CMARK_NODE_BLOCK_QUOTE)
		md_render_node(&q->feedback_html, &p->doc, node);
	else
		md_render_node(&q->stem_html, &p->doc, node);
}

static int parse_settings(struct parser *p, json_t *meta, int default_pass)
{
	struct quiz *quiz = p->quiz;
	long long time_limit = 0, attempts = 0, pass = default_pass;
	const char *title = NULL, *review = "none";
	int shuffle = 1, rc = K_OK;

	if (meta_string(&review, meta, "review", 0, p->path, p->diag) < 0) {
		rc = K_EPARSE;
	} else if (strcmp(review, "none") != 0 && strcmp(review, "after_passing") != 0) {
		diag_error(p->diag, p->path, meta_line(meta, "review"),
			   "\"review:\" must be none or after_passing, not \"%s\"",
			   review);
		rc = K_EPARSE;
	}
	if (meta_title(&title, meta, "title", p->path, p->diag) < 0 ||
	    meta_int(&time_limit, meta, "time_limit", 0, 600, p->path, p->diag) < 0 ||
	    meta_int(&attempts, meta, "max_attempts", 0, 100, p->path, p->diag) < 0 ||
	    meta_int(&pass, meta, "pass_score", 1, 100, p->path, p->diag) < 0 ||
	    meta_bool(&shuffle, meta, "shuffle", p->path, p->diag) < 0)
		rc = K_EPARSE;
	quiz->title = strdup(title ? title : "");
	quiz->time_limit_minutes = (int)time_limit;
	quiz->max_attempts = (int)attempts;
	quiz->pass_percent = (int)pass;
	quiz->shuffle = shuffle;
	quiz->review_after_passing = strcmp(review, "after_passing") == 0;
	return rc;
}

int quiz_parse(struct quiz *quiz, const char *path, json_t *meta, const char *body, size_t len,
	       int body_line, int default_pass, md_resolve_fn resolve, void *ctx, struct diag *diag)
{
	struct parser p = {quiz, path, body, len, {0}, diag, 0};
	struct quiz_question *current = NULL;
	cmark_node *node;
	int rc;

	memset(quiz, 0, sizeof(*quiz));
	if (parse_settings(&p, meta, default_pass) < 0)
		p.errors++;
	if ((rc = md_parse(&p.doc, body, len, body_line)) < 0)
		return rc;
	if (resolve)
		md_rewrite_links(&p.doc, resolve, ctx);

	for (node = cmark_node_first_child(p.doc.root); node; node = cmark_node_next(node))
		parse_block(&p, &current, node);
	if (current)
		validate_question(&p, current);
	if (quiz->count == 0)
		parse_error(&p, body_line, "the test has no questions; start each question with "
			    "a \"## \" heading");

	md_free(&p.doc);
	return p.errors > 0 ? K_EPARSE : K_OK;
}

void quiz_free(struct quiz *quiz)
{
	for (size_t i = 0; i < quiz->count; i++) {
		struct quiz_question *q = &quiz->questions[i];

		for (size_t k = 0; k < q->option_count; k++)
			free(q->options[k].html);
		free(q->options);
		free(q->topic);
		free(q->answer);
		buf_free(&q->stem_html);
		buf_free(&q->feedback_html);
	}
	free(quiz->questions);
	free(quiz->title);
	buf_free(&quiz->rules_html);
	memset(quiz, 0, sizeof(*quiz));
}
