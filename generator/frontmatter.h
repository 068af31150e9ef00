/* frontmatter.h - split a Markdown file into its YAML front matter and body. */
#ifndef KHOA_FRONTMATTER_H
#define KHOA_FRONTMATTER_H

#include <stddef.h>

#include <jansson.h>

#include "diag.h"

/* The key of meta that maps each top-level field to its file line. */
#define META_LINES_KEY "_lines"

struct document {
	json_t *meta;        /* the front matter as an object; {} when absent */
	const char *body;    /* points into the source text */
	size_t body_len;
	int body_line;       /* file line of body[0], for messages */
};

/* Parses text (NUL-terminated, length len) from path. A file may open with a
 * "---" line and a YAML mapping closed by a "---" line. Errors go to diag
 * with the line: invalid UTF-8, unclosed or invalid YAML, front matter that
 * is not a mapping. The result is then K_EPARSE. body is still set when the
 * front matter was closed, so that the body can be checked too. */
int document_parse(struct document *doc, const char *path, const char *text, size_t len,
		   struct diag *diag);

void document_free(struct document *doc);

/* Typed reads of front matter fields. Each reports a wrong value to diag
 * with the field's line and returns K_EINVAL; a missing optional field
 * leaves the default, and a missing required one is reported at line 1. */
/* Returns the file line of a front matter field, or 1 when unknown. */
int meta_line(json_t *meta, const char *key);

int meta_string(const char **out, json_t *meta, const char *key, int required,
		const char *path, struct diag *diag);
/* Like meta_string for a required title: at most META_TITLE_MAX bytes, so
 * that it fits the database, the pages and a certificate's QR code. */
#define META_TITLE_MAX 200
int meta_title(const char **out, json_t *meta, const char *key, const char *path,
	       struct diag *diag);

int meta_int(long long *out, json_t *meta, const char *key, long long min, long long max,
	     const char *path, struct diag *diag);
int meta_bool(int *out, json_t *meta, const char *key, const char *path, struct diag *diag);

#endif
