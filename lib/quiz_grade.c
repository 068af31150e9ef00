/* quiz_grade.c - turning form fields into stored responses and grading them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "log.h"
#include "quiz.h"
#include "text.h"

/* More positions than any choice question has; a longer list is malformed. */
#define MAX_POSITIONS 64

/* Parses a decimal option position of at most six digits; -1 when it is not one. */
static int parse_position(const char *s, size_t len)
{
	int value = 0;
	size_t i;

	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		value = value * 10 + (s[i] - '0');
	}
	return value;
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sorts positions[0..count), drops repeats and writes them as "1,3". */
static int write_positions(struct buf *out, int *positions, size_t count)
{
	size_t i;
	int rc = K_OK;

	qsort(positions, count, sizeof(*positions), compare_int);
	for (i = 0; i < count && rc == K_OK; i++) {
		if (i > 0 && positions[i] == positions[i - 1])
			continue;
		rc = buf_printf(out, out->len ? ",%d" : "%d", positions[i]);
	}
	return rc;
}

/* Parses a position list such as "3, 1" into positions[MAX_POSITIONS].
 * Returns K_EINVAL when list is not one or is longer. */
static int parse_position_list(int *positions, size_t *count, const char *list)
{
	const char *p = list;

	*count = 0;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *item = p;

		while (len > 0 && *item == ' ')
			item++, len--;
		while (len > 0 && item[len - 1] == ' ')
			len--;
		if (*count == MAX_POSITIONS || (positions[*count] = parse_position(item, len)) < 0)
			return K_EINVAL;
		(*count)++;
		p = end ? end + 1 : p + strlen(p);
	}
	return K_OK;
}

/* Writes the canonical form of a position list such as "3, 1". Returns
 * K_EINVAL when list is not one. */
static int canonical_positions(struct buf *out, const char *list)
{
	int positions[MAX_POSITIONS];
	size_t count;
	int rc = parse_position_list(positions, &count, list);

	return rc < 0 ? rc : write_positions(out, positions, count);
}

static int has_choice(const struct quiz_item *q, int position)
{
	size_t i;

	for (i = 0; i < q->choice_count; i++)
		if (q->choices[i].position == position)
			return 1;
	return 0;
}

/* Collects the option positions sent for a choice question; a single-choice
 * question keeps only the first valid one. */
static int choice_response(struct buf *out, const struct quiz_item *q, const char *name,
			   const struct http_params *form)
{
	int positions[MAX_POSITIONS];
	size_t i, count = 0;

	for (i = 0; i < form->count && count < MAX_POSITIONS; i++) {
		const char *value = form->items[i].value;
		int position;

		if (strcmp(form->items[i].name, name) != 0)
			continue;
		position = parse_position(value, strlen(value));
		if (position < 0 || !has_choice(q, position)) {
			log_warn("question %lld: ignored a value that is not one of its options",
				 (long long)q->id);
			continue;
		}
		positions[count++] = position;
		if (q->type == QUIZ_ITEM_SINGLE)
			break;
	}
	return write_positions(out, positions, count);
}

/* Counts the code points of valid UTF-8 text: every byte that does not
 * continue a sequence starts one. */
static size_t count_code_points(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Copies the first value sent for a true/false or short-answer question. */
static int text_response(struct buf *out, const struct quiz_item *q, const char *value)
{
	if (value == NULL)
		return K_OK;
	if (q->type == QUIZ_ITEM_TRUEFALSE) {
		if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0)
			return buf_puts(out, value);
		log_warn("question %lld: ignored a value that is not true or false",
			 (long long)q->id);
		return K_OK;
	}
	if (count_code_points(value) > QUIZ_SHORT_ANSWER_MAX)
		return K_ETOOBIG;
	/* Form values arrive in NFC already (see http.h). */
	return buf_puts(out, value);
}

int quiz_response_from_form(char **out, const struct quiz_item *q,
			    const struct http_params *form)
{
	struct buf response = BUF_INIT;
	char name[32];
	int rc;

	*out = NULL;
	snprintf(name, sizeof(name), "q%lld", (long long)q->id);
	if (q->type == QUIZ_ITEM_SINGLE || q->type == QUIZ_ITEM_MULTIPLE)
		rc = choice_response(&response, q, name, form);
	else
		rc = text_response(&response, q, http_param(form, name));
	if (rc < 0) {
		buf_free(&response);
		return rc;
	}
	*out = buf_detach(&response);
	return *out ? K_OK : K_ENOMEM;
}

/* Compares the keys of a short answer and of each accepted answer line. */
static int grade_short(int *correct, const char *answer_lines, const char *response)
{
	char *response_key = NULL, *accepted = NULL;
	const char *line = answer_lines;
	int rc;

	if ((rc = text_answer_key(&response_key, response, strlen(response))) < 0)
		return rc == K_ENOMEM ? rc : K_OK;
	while (*line && !*correct) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if ((rc = text_answer_key(&accepted, line, len)) == K_ENOMEM)
			break;
		if (rc == K_OK && accepted[0] != '\0' && strcmp(response_key, accepted) == 0)
			*correct = 1;
		free(accepted);
		accepted = NULL;
		rc = K_OK;
		line = end ? end + 1 : line + len;
	}
	free(response_key);
	return rc;
}

/* Compares the canonical position lists of the key and of the response. */
static int grade_choice(int *correct, const struct quiz_item *q, const char *response)
{
	struct buf key = BUF_INIT, chosen = BUF_INIT;
	int rc = canonical_positions(&key, q->answer);

	if (rc == K_EINVAL) {
		log_error("question %lld: the answer key is not a list of option positions",
			  (long long)q->id);
		rc = K_OK;
	} else if (rc == K_OK && canonical_positions(&chosen, response) == K_OK) {
		*correct = key.len > 0 && strcmp(buf_cstr(&key), buf_cstr(&chosen)) == 0;
	}
	buf_free(&key);
	buf_free(&chosen);
	return rc;
}

int quiz_response_grade(int *correct, const struct quiz_item *q, const char *response)
{
	*correct = 0;
	if (response[0] == '\0')
		return K_OK;
	switch (q->type) {
	case QUIZ_ITEM_SINGLE:
	case QUIZ_ITEM_MULTIPLE:
		return grade_choice(correct, q, response);
	case QUIZ_ITEM_TRUEFALSE:
		*correct = strcmp(response, q->answer) == 0;
		return K_OK;
	case QUIZ_ITEM_SHORT:
		return grade_short(correct, q->answer, response);
	}
	return K_OK;
}

int quiz_positions_contain(const char *list, int position)
{
	int positions[MAX_POSITIONS];
	size_t count, i;

	if (parse_position_list(positions, &count, list) < 0)
		return 0;
	for (i = 0; i < count; i++)
		if (positions[i] == position)
			return 1;
	return 0;
}

int quiz_percent(int score, int max_score)
{
	if (max_score <= 0 || score <= 0)
		return 0;
	return (int)((long long)score * 100 / max_score);
}
