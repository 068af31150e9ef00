/* cert_utf8.c - strict UTF-8 decoding and Vietnamese-aware conversion to capitals. */
#include "cert.h"
#include "cert_internal.h"

#include <stdlib.h>
#include <string.h>

int cert_utf8_next(uint32_t *cp, const char **pos, const char *end)
{
	const unsigned char *p = (const unsigned char *)*pos;
	const unsigned char *e = (const unsigned char *)end;
	uint32_t value;
	uint32_t min;
	size_t extra;
	size_t i;

	*cp = 0;
	if (p >= e)
		return -1;

	if (p[0] < 0x80) {
		*cp = p[0];
		*pos += 1;
		return 0;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		value = p[0] & 0x1Fu;
		extra = 1;
		min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		value = p[0] & 0x0Fu;
		extra = 2;
		min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		value = p[0] & 0x07u;
		extra = 3;
		min = 0x10000;
	} else {
		return -1; /* continuation byte, overlong lead 0xC0/0xC1, or beyond U+10FFFF */
	}

	if ((size_t)(e - p) <= extra)
		return -1;
	for (i = 1; i <= extra; i++) {
		if ((p[i] & 0xC0u) != 0x80u)
			return -1;
		value = (value << 6) | (p[i] & 0x3Fu);
	}
	if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
		return -1;

	*cp = value;
	*pos += extra + 1;
	return 0;
}

int cert_utf8_valid(const char *s, size_t len)
{
	const char *end = s + len;
	uint32_t cp;

	while (s < end) {
		if (cert_utf8_next(&cp, &s, end) != 0)
			return 0;
	}
	return 1;
}

/*
 * Maps a lower-case letter to its capital for the letters used in Vietnamese
 * and in Latin-1.  Each mapping keeps the UTF-8 length of the code point,
 * which cert_utf8_upper relies on.
 */
static uint32_t upper_vietnamese(uint32_t cp)
{
	if (cp >= 'a' && cp <= 'z')
		return cp - 0x20;
	/* Latin-1 à..þ map to À..Þ, except the division sign U+00F7. */
	if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)
		return cp - 0x20;
	switch (cp) {
	case 0x103: /* ă */
	case 0x111: /* đ */
	case 0x129: /* ĩ */
	case 0x169: /* ũ */
		return cp - 1;
	case 0x1A1: /* ơ */
		return 0x1A0;
	case 0x1B0: /* ư */
		return 0x1AF;
	default:
		break;
	}
	/* Latin Extended Additional pairs Vietnamese letters as capital (even), small (odd). */
	if (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1u) != 0)
		return cp - 1;
	return cp;
}

/* Writes cp as UTF-8 at out and returns the number of bytes written (1 to 4). */
static size_t utf8_encode(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int cert_utf8_upper(char **out, const char *s)
{
	const char *pos = s;
	const char *end;
	char *result = NULL;
	size_t used = 0;
	uint32_t cp;
	int err = 0;

	*out = NULL;
	if (s == NULL)
		return CERT_EINVAL;
	end = s + strlen(s);

	/* Every mapping keeps the encoded length, so the copy is exactly as long as s. */
	result = malloc((size_t)(end - s) + 1);
	if (result == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	while (pos < end) {
		if (cert_utf8_next(&cp, &pos, end) != 0) {
			err = CERT_EINVAL;
			goto cleanup;
		}
		used += utf8_encode(result + used, upper_vietnamese(cp));
	}
	result[used] = '\0';
	*out = result;
	result = NULL;

cleanup:
	free(result);
	return err;
}
