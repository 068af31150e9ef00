/* lint.h - warnings for syntax from other site generators that Khoa does not support. */
#ifndef KHOA_LINT_H
#define KHOA_LINT_H

#include <stddef.h>

#include "diag.h"

/* Warns, with the line, about kramdown attribute lists ("{: .class}") and
 * Liquid tags ("{% include %}"), which would otherwise appear on the page
 * as literal text, and about lines that start with raw HTML, which the safe
 * renderer drops. Lines inside fenced code blocks are skipped. */
void lint_markdown(const char *path, const char *body, size_t len, int first_line, struct diag *diag);

#endif
