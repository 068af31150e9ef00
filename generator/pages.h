/* pages.h - render the static pages of the site from the content model. */
#ifndef KHOA_PAGES_H
#define KHOA_PAGES_H

#include "content.h"
#include "diag.h"
#include "view.h"

/* Writes index.html, course, lesson, test landing and help pages and
 * 404.html under out_dir. Returns K_EIO or K_ENOMEM; template errors are
 * reported to diag. Nothing written reveals an answer key. */
int pages_write(const struct content *c, struct view *view, const char *out_dir, struct diag *diag);

#endif
