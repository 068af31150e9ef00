/* view.h - pages rendered from the theme's templates inside its shared layout.
 *
 * Used by the generator for static pages and by the CGI programs for dynamic
 * ones, so both look the same. Every page's data gets these keys: site (the
 * site settings from site.yml), t (the interface strings of the language),
 * lang, base (URL path prefix, "" at the web root); the layout also reads
 * page.title, crumbs.items[] {url, title}, user {full_name} and content. */
#ifndef KHOA_VIEW_H
#define KHOA_VIEW_H

#include <jansson.h>

#include "buf.h"
#include "tpl.h"

struct view {
	struct tpl_set *templates;
	json_t *strings;  /* the "t" object */
	json_t *site;     /* the "site" object; an empty object until set */
	json_t *build;    /* the "build" object, {commit_short} */
	char lang[8];
};

/* Loads theme_dir/templates/ *.html and theme_dir/i18n/<lang>.yml. Returns
 * K_EPARSE or K_EIO with "file:line: message" lines in errors. */
int view_open(struct view *v, const char *theme_dir, const char *lang, struct buf *errors);

/* Replaces the site object (the reference is taken over). */
void view_set_site(struct view *v, json_t *site);

void view_close(struct view *v);

/* Renders template `name` over data (borrowed, but keys are added to it) and
 * wraps the result in the "layout" template. Appends to out. */
int view_render_page(struct view *v, struct buf *out, const char *name, json_t *data);

/* Returns the interface string `key`, or the key itself when missing. */
const char *view_string(const struct view *v, const char *key);

#endif
