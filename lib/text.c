/* text.c - Unicode text at input boundaries, built on utf8proc. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "err.h"
#include "text.h"

int text_valid_utf8(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n;
	utf8proc_int32_t cp;
	size_t i = 0;

	while (i < len) {
		n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Runs utf8proc_map with the given options over a validated copy. */
static int text_map(char **out, const char *s, size_t len, utf8proc_option_t options)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;

	*out = NULL;
	if (!text_valid_utf8(s, len))
		return K_EINVAL;
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &mapped, options);
	if (n < 0)
		return n == UTF8PROC_ERROR_NOMEM ? K_ENOMEM : K_EINVAL;
	*out = (char *)mapped;
	return K_OK;
}

int text_nfc(char **out, const char *s, size_t len)
{
	return text_map(out, s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

static int is_ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Collapses runs of ASCII white space in place to one space and trims both ends. */
static void collapse_space(char *s)
{
	char *r, *w = s;
	int gap = 0;

	for (r = s; *r; r++) {
		if (is_ascii_space(*r)) {
			gap = 1;
			continue;
		}
		if (gap && w != s)
			*w++ = ' ';
		gap = 0;
		*w++ = *r;
	}
	*w = '\0';
}

int text_answer_key(char **out, const char *s, size_t len)
{
	int rc;

	rc = text_map(out, s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		      UTF8PROC_CASEFOLD);
	if (rc == K_OK)
		collapse_space(*out);
	return rc;
}

/* Replaces đ (U+0111) with d in place: NFD leaves it alone because the
 * stroke is not a combining mark. Case folding has already turned Đ into đ. */
static void fold_d_stroke(char *s)
{
	char *r, *w = s;

	for (r = s; *r; r++) {
		if ((unsigned char)r[0] == 0xC4 && (unsigned char)r[1] == 0x91) {
			*w++ = 'd';
			r++;
			continue;
		}
		*w++ = *r;
	}
	*w = '\0';
}

int text_search_key(char **out, const char *s, size_t len)
{
	int rc;

	rc = text_map(out, s, len, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
		      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	if (rc == K_OK) {
		fold_d_stroke(*out);
		collapse_space(*out);
	}
	return rc;
}

int text_slugify(char *out, size_t size, const char *s)
{
	char *key = NULL;
	size_t n = 0;
	int dash = 0, rc;
	const char *p;

	if (size == 0)
		return K_EINVAL;
	out[0] = '\0';
	if ((rc = text_search_key(&key, s, strlen(s))) < 0)
		return rc;

	for (p = key; *p; p++) {
		char c = *p;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0) {
				if (n + 1 >= size)
					goto too_long;
				out[n++] = '-';
			}
			if (n + 1 >= size)
				goto too_long;
			out[n++] = c;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[n] = '\0';
	free(key);
	return n > 0 ? K_OK : K_EINVAL;

too_long:
	out[0] = '\0';
	free(key);
	return K_EINVAL;
}
