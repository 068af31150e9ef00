/* buf.h - a growable byte buffer.
 *
 * Invariant: when data is not NULL it contains len bytes followed by a NUL, and
 * cap > len. A zeroed struct buf is a valid empty buffer. */
#ifndef KHOA_BUF_H
#define KHOA_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

/* Each append returns 0, or K_ENOMEM and leaves the buffer as it was. */
int buf_grow(struct buf *b, size_t extra);
int buf_append(struct buf *b, const char *s, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

/* Appends s with & < > " ' replaced by character references. */
int buf_append_html(struct buf *b, const char *s, size_t n);

/* Appends s percent-encoded for a URL query component (RFC 3986 unreserved kept). */
int buf_append_urlenc(struct buf *b, const char *s, size_t n);

/* Appends the whole file at path. Returns K_EIO (errno set) or K_ENOMEM;
 * on failure the bytes read so far stay appended. */
int buf_read_file(struct buf *b, const char *path);

/* Returns the contents as a string that is never NULL ("" when empty). */
const char *buf_cstr(const struct buf *b);

void buf_clear(struct buf *b);  /* length 0, memory kept */
void buf_free(struct buf *b);   /* frees and re-zeroes; accepts a zeroed buffer */

/* Transfers the data to the caller (free it with free()) and empties b. */
char *buf_detach(struct buf *b);

#endif
