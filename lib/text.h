/* text.h - Unicode text at input boundaries: validation, NFC, folding for comparison. */
#ifndef KHOA_TEXT_H
#define KHOA_TEXT_H

#include <stddef.h>

/* Returns 1 when s[0..len) is valid UTF-8 without NUL bytes, else 0. */
int text_valid_utf8(const char *s, size_t len);

/* Stores in *out a malloc'd NFC copy of s[0..len). Returns K_EINVAL for
 * invalid UTF-8 or an embedded NUL (and *out stays NULL), K_ENOMEM. */
int text_nfc(char **out, const char *s, size_t len);

/* Stores in *out a malloc'd key for comparing short answers: NFC, case-folded,
 * runs of white space collapsed to one space, trimmed. Diacritics are kept,
 * because in Vietnamese they change the word. */
int text_answer_key(char **out, const char *s, size_t len);

/* Stores in *out a malloc'd search key: case-folded with diacritics removed
 * and đ/Đ mapped to d, so "Đà Nẵng" and "da nang" match. */
int text_search_key(char **out, const char *s, size_t len);

/* Writes a URL slug of s (lowercase ASCII, digits, '-') into out[0..size).
 * Returns K_EINVAL when the result would be empty or too long. */
int text_slugify(char *out, size_t size, const char *s);

#endif
