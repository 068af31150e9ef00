/* msg.h - the Vietnamese catalogue of messages that the command-line tools
 * show to content editors and administrators.
 *
 * Code writes each message as an English printf format; msg_text returns the
 * Vietnamese format with the same conversions, unless the language is
 * English. The language is KHOA_LANG ("vi" by default, or "en"). */
#ifndef KHOA_MSG_H
#define KHOA_MSG_H

#include <stddef.h>

/* One catalogue entry: the English format and its Vietnamese translation. */
struct msg_entry {
	const char *en;
	const char *vi;
};

/* Returns the format to use for english: its translation, or english itself
 * when the language is English or the catalogue has no entry. With
 * KHOA_MESSAGES_STRICT set, a missing entry is reported on stderr, so that
 * tests catch untranslated messages. */
const char *msg_text(const char *english) __attribute__((format_arg(1)));

/* Sets the language ("vi" or "en"); NULL rereads KHOA_LANG. */
void msg_set_language(const char *lang);

/* The whole catalogue, for tests. */
const struct msg_entry *msg_catalogue(size_t *count);

#endif
