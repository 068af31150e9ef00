/* log.c - messages to stderr with the program name and a level. */
#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static const char *log_program = "khoa";

void log_init(const char *program)
{
	if (program && *program)
		log_program = program;
}

static void log_write(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s: ", log_program, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("error", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("warning", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_write("info", fmt, ap);
	va_end(ap);
}
