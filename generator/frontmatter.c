/* frontmatter.c - YAML front matter between "---" lines at the top of a file. */
#include <string.h>

#include "err.h"
#include "frontmatter.h"
#include "text.h"
#include "yamljson.h"

/* Returns the length of a "---" delimiter line at p (with its newline), or 0. */
static size_t delimiter_at(const char *p, const char *end)
{
	const char *q = p;

	if (end - p < 3 || strncmp(p, "---", 3) != 0)
		return 0;
	q += 3;
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	if (q < end && *q == '\r')
		q++;
	if (q == end)
		return (size_t)(q - p);
	return *q == '\n' ? (size_t)(q - p + 1) : 0;
}

static int count_lines(const char *s, size_t n)
{
	int lines = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			lines++;
	return lines;
}

/* Records in meta["_lines"] the file line of each top-level key, so that a
 * field's error can name its own line. The YAML conversion keeps no
 * positions, and a top-level key is simply a line that starts with
 * "key:" at column 0. */
static void record_key_lines(json_t *meta, const char *yaml, size_t len, int first_line)
{
	json_t *lines = json_object();
	const char *p = yaml, *end = yaml + len;
	int line = first_line;

	while (p < end && lines) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *colon = memchr(p, ':', n);

		if (colon && colon > p && *p != ' ' && *p != '\t' && *p != '#' && *p != '-') {
			char key[64];
			size_t k = (size_t)(colon - p);

			if (k < sizeof(key)) {
				memcpy(key, p, k);
				key[k] = '\0';
				if (json_object_get(lines, key) == NULL)
					json_object_set_new(lines, key, json_integer(line));
			}
		}
		p = nl ? nl + 1 : end;
		line++;
	}
	json_object_set_new(meta, META_LINES_KEY, lines);
}

int meta_line(json_t *meta, const char *key)
{
	json_t *line = json_object_get(json_object_get(meta, META_LINES_KEY), key);

	return json_is_integer(line) ? (int)json_integer_value(line) : 1;
}

/* Parses the YAML between yaml and close_at, and points the body past it. */
static int parse_meta(struct document *doc, const char *path, const char *text,
		      const char *yaml, const char *close_at, size_t close_len,
		      const char *end, struct diag *diag)
{
	struct buf errors = BUF_INIT;
	int rc;

	doc->body = close_at + close_len;
	doc->body_len = (size_t)(end - doc->body);
	doc->body_line = 1 + count_lines(text, (size_t)(doc->body - text));

	rc = yaml_to_json(&doc->meta, yaml, (size_t)(close_at - yaml), path, 2, &errors);
	if (rc < 0) {
		diag_error_lines(diag, buf_cstr(&errors));
		buf_free(&errors);
		return K_EPARSE;
	}
	if (!json_is_object(doc->meta)) {
		diag_error(diag, path, 2, "the front matter must be a list of \"key: value\" lines");
		json_decref(doc->meta);
		doc->meta = NULL;
		return K_EPARSE;
	}
	record_key_lines(doc->meta, yaml, (size_t)(close_at - yaml), 2);
	return K_OK;
}

int document_parse(struct document *doc, const char *path, const char *text, size_t len,
		   struct diag *diag)
{
	const char *end = text + len, *yaml, *p;
	size_t open;

	memset(doc, 0, sizeof(*doc));
	if (!text_valid_utf8(text, len)) {
		diag_error(diag, path, 0, "the file is not valid UTF-8 text; save it as UTF-8");
		return K_EPARSE;
	}
	if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
	    (unsigned char)text[2] == 0xBF)
		text += 3;

	doc->body = text;
	doc->body_len = (size_t)(end - text);
	doc->body_line = 1;
	if ((open = delimiter_at(text, end)) == 0) {
		doc->meta = json_object();
		return doc->meta ? K_OK : K_ENOMEM;
	}

	/* Find the closing delimiter at the start of a line. */
	yaml = text + open;
	p = yaml;
	while (p < end) {
		size_t close = delimiter_at(p, end);
		const char *newline;

		if (close > 0)
			return parse_meta(doc, path, text, yaml, p, close, end, diag);
		newline = memchr(p, '\n', (size_t)(end - p));
		p = newline ? newline + 1 : end;
	}

	diag_error(diag, path, 1, "the front matter opened by \"---\" is not closed by a \"---\" line");
	return K_EPARSE;
}

void document_free(struct document *doc)
{
	json_decref(doc->meta);
	memset(doc, 0, sizeof(*doc));
}

int meta_string(const char **out, json_t *meta, const char *key, int required,
		const char *path, struct diag *diag)
{
	json_t *v = json_object_get(meta, key);

	if (v == NULL || json_is_null(v)) {
		if (!required)
			return K_OK;
		diag_error(diag, path, 1, "the front matter has no \"%s:\" field", key);
		return K_EINVAL;
	}
	if (!json_is_string(v) || json_string_length(v) == 0) {
		diag_error(diag, path, meta_line(meta, key), "the field \"%s:\" must be non-empty text", key);
		return K_EINVAL;
	}
	*out = json_string_value(v);
	return K_OK;
}

int meta_title(const char **out, json_t *meta, const char *key, const char *path,
	       struct diag *diag)
{
	int rc = meta_string(out, meta, key, 1, path, diag);

	if (rc == K_OK && strlen(*out) > META_TITLE_MAX) {
		diag_error(diag, path, meta_line(meta, key),
			   "the field \"%s:\" is longer than %d bytes; shorten it", key, META_TITLE_MAX);
		*out = NULL;
		return K_EINVAL;
	}
	return rc;
}

int meta_int(long long *out, json_t *meta, const char *key, long long min, long long max,
	     const char *path, struct diag *diag)
{
	json_t *v = json_object_get(meta, key);

	if (v == NULL || json_is_null(v))
		return K_OK;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		diag_error(diag, path, meta_line(meta, key),
			   "the field \"%s:\" must be a whole number from %lld to %lld", key, min, max);
		return K_EINVAL;
	}
	*out = json_integer_value(v);
	return K_OK;
}

int meta_bool(int *out, json_t *meta, const char *key, const char *path, struct diag *diag)
{
	json_t *v = json_object_get(meta, key);

	if (v == NULL || json_is_null(v))
		return K_OK;
	if (!json_is_boolean(v)) {
		diag_error(diag, path, meta_line(meta, key), "the field \"%s:\" must be true or false",
			   key);
		return K_EINVAL;
	}
	*out = json_is_true(v);
	return K_OK;
}
