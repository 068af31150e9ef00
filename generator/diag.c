/* diag.c - collect build diagnostics so that one bad file never hides the rest. */
#include <stdarg.h>
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

void diag_error_lines(struct diag *d, const char *lines)
{
	const char *p;

	for (p = lines; *p; p++)
		if (*p == '\n')
			d->errors++;
	buf_puts(&d->text, lines);
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
