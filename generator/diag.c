/* diag.c - collect build diagnostics so that one bad file never hides the rest. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "msg.h"

static void diag_add(struct diag *d, const char *level, const char *path, int line,
		     const char *fmt, va_list ap)
{
	if (line > 0)
		buf_printf(&d->text, "%s:%d: %s: ", path, line, msg_text(level));
	else
		buf_printf(&d->text, "%s: %s: ", path, msg_text(level));
	buf_vprintf(&d->text, msg_text(fmt), ap);
	buf_putc(&d->text, '\n');
}

void diag_error(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, "error", path, line, fmt, ap);
	va_end(ap);
	d->errors++;
}

void diag_verror(struct diag *d, const char *path, int line, const char *fmt, va_list ap)
{
	diag_add(d, "error", path, line, fmt, ap);
	d->errors++;
}

void diag_warn(struct diag *d, const char *path, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, "warning", path, line, fmt, ap);
	va_end(ap);
	d->warnings++;
}

/* Adds one "path:line: message" line as an error with its level label. */
static void error_line(struct diag *d, const char *line, size_t n)
{
	const char *colon = memchr(line, ':', n), *second;
	char *end = NULL;
	long number = 0;

	second = colon ? memchr(colon + 1, ':', n - (size_t)(colon + 1 - line)) : NULL;
	if (second)
		number = strtol(colon + 1, &end, 10);
	if (second == NULL || end != second || number <= 0) {
		buf_printf(&d->text, "%.*s\n", (int)n, line);
		d->errors++;
		return;
	}
	while (second + 1 < line + n && second[1] == ' ')
		second++;
	buf_printf(&d->text, "%.*s:%ld: %s: %.*s\n", (int)(colon - line), line, number,
		   msg_text("error"), (int)(line + n - second - 1), second + 1);
	d->errors++;
}

void diag_error_lines(struct diag *d, const char *lines)
{
	const char *p = lines;

	while (*p) {
		size_t n = strcspn(p, "\n");

		if (n > 0)
			error_line(d, p, n);
		p += n + (p[n] == '\n');
	}
}

void diag_print(const struct diag *d, FILE *out)
{
	fputs(buf_cstr(&d->text), out);
}

void diag_free(struct diag *d)
{
	buf_free(&d->text);
	memset(d, 0, sizeof(*d));
}
