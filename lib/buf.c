/* buf.c - a growable byte buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *data;

	if (extra > SIZE_MAX / 2 - b->len)
		return K_ENOMEM;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return K_OK;

	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	data = realloc(b->data, cap);
	if (data == NULL)
		return K_ENOMEM;
	if (b->data == NULL)
		data[0] = '\0';
	b->data = data;
	b->cap = cap;
	return K_OK;
}

int buf_append(struct buf *b, const char *s, size_t n)
{
	int rc;

	if ((rc = buf_grow(b, n)) < 0)
		return rc;
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
	return K_OK;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n, rc;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return K_EINVAL;

	if ((rc = buf_grow(b, (size_t)n)) < 0)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return K_OK;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

int buf_append_html(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *entity;
	int rc;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': entity = "&amp;"; break;
		case '<': entity = "&lt;"; break;
		case '>': entity = "&gt;"; break;
		case '"': entity = "&quot;"; break;
		case '\'': entity = "&#39;"; break;
		default: continue;
		}
		if ((rc = buf_append(b, s + start, i - start)) < 0 ||
		    (rc = buf_puts(b, entity)) < 0)
			return rc;
		start = i + 1;
	}
	return buf_append(b, s + start, n - start);
}

int buf_append_urlenc(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			rc = buf_putc(b, (char)c);
		else
			rc = buf_append(b, esc, 3);
		if (rc < 0)
			return rc;
	}
	return K_OK;
}

int buf_read_file(struct buf *b, const char *path)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = K_OK;

	if (f == NULL)
		return K_EIO;
	while (rc == K_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_append(b, chunk, n);
	if (rc == K_OK && ferror(f))
		rc = K_EIO;
	fclose(f);
	return rc;
}

const char *buf_cstr(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

char *buf_detach(struct buf *b)
{
	char *data = b->data;

	if (data == NULL)
		data = calloc(1, 1);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return data;
}
