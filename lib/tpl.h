/* tpl.h - logic-less HTML templates (a Mustache subset) rendered over jansson values.
 *
 * Tags: {{name}} HTML-escaped, {{{name}}} or {{&name}} raw, {{#name}}...{{/name}}
 * a section (repeated for each array element, entered once for an object or any
 * other true value), {{^name}}...{{/name}} an inverted section, {{>name}} a
 * partial, {{!...}} a comment. Names are dotted paths ("course.title") looked
 * up from the innermost context outwards; "." is the current context. False,
 * null, missing, 0, "" and [] are false. */
#ifndef KHOA_TPL_H
#define KHOA_TPL_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

struct tpl_set;

/* Creates an empty set. Returns K_ENOMEM. */
int tpl_set_new(struct tpl_set **out);

/* Compiles src as template `name` into the set, replacing any of that name.
 * On a syntax error returns K_EPARSE and appends "origin:line: message\n"
 * to errors (when not NULL); the set keeps its old template. */
int tpl_set_add(struct tpl_set *set, const char *name, const char *origin,
		const char *src, size_t len, struct buf *errors);

/* Loads every "*.html" file of dir as a template named by its file name
 * without the extension. Returns the first error; all messages go to errors. */
int tpl_set_load_dir(struct tpl_set **out, const char *dir, struct buf *errors);

/* Returns 1 when the set has a template of that name. */
int tpl_set_has(const struct tpl_set *set, const char *name);

/* Appends template `name` rendered over data to out. Returns K_ENOTFOUND for
 * an unknown template or partial, K_EINVAL past 32 nested sections/partials,
 * K_ENOMEM. data is borrowed. */
int tpl_render(struct buf *out, const struct tpl_set *set, const char *name,
	       json_t *data);

void tpl_set_free(struct tpl_set *set);

#endif
