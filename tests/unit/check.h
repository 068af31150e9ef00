/* check.h - a minimal unit-test harness: CHECK macros and a summary line. */
#ifndef KHOA_CHECK_H
#define KHOA_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed;
static int check_failed;

/* Records one condition; on failure prints file:line and the expression. */
#define CHECK(cond)                                                          \
	do {                                                                 \
		if (cond) {                                                  \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: check failed: %s\n",         \
				__FILE__, __LINE__, #cond);                   \
		}                                                            \
	} while (0)

/* Compares two NUL-terminated strings and prints both on mismatch. */
#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *check_got_ = (got), *check_want_ = (want);       \
		if (check_got_ && check_want_ &&                             \
		    strcmp(check_got_, check_want_) == 0) {                  \
			check_passed++;                                      \
		} else {                                                     \
			check_failed++;                                      \
			fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", \
				__FILE__, __LINE__, #got,                     \
				check_got_ ? check_got_ : "(null)",           \
				check_want_ ? check_want_ : "(null)");        \
		}                                                            \
	} while (0)

/* Prints the closing line CI reads and returns the process exit status. */
static inline int check_summary(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
	return check_failed == 0 ? 0 : 1;
}

#endif
