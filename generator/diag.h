/* diag.h - build diagnostics for content editors: "path:line: message". */
#ifndef KHOA_DIAG_H
#define KHOA_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"

struct diag {
	struct buf text;  /* every message, one per line, in the order found */
	int errors;
	int warnings;
};

/* Records an error (the file is skipped) or a warning (the file is built).
 * line 0 omits the line number. fmt is English; the message is written in
 * the language msg_text chooses. */
void diag_error(struct diag *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_verror(struct diag *d, const char *path, int line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
void diag_warn(struct diag *d, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Appends lines already in "path:line: message" form (from yaml_to_json,
 * tpl_set_load_dir) as errors. */
void diag_error_lines(struct diag *d, const char *lines);

void diag_print(const struct diag *d, FILE *out);
void diag_free(struct diag *d);

#endif
