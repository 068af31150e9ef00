/* certissue.h - issuing a certificate when an attempt passes. */
#ifndef KHOA_CERTISSUE_H
#define KHOA_CERTISSUE_H

#include <stdint.h>
#include <time.h>

#include <sqlite3.h>

/* Random characters at the end of a serial; see certissue_issue. */
#define CERTISSUE_SERIAL_SUFFIX 5

/* Issues the user's certificate for a course from a passed attempt: inserts
 * the row with copies of users.full_name and courses.certificate_title, the
 * Vietnam date of now, the serial "KHOA-<year>-<id, 6 digits>-<5 random
 * characters>", and the token signed with the secret key in key_dir.
 *
 * Must run inside the caller's transaction, which rolls back on any error so
 * no row without a token is kept. Stores the new row's id, or 0 when the
 * user already has a certificate for the course (revoked ones included,
 * because there is one row per user and course). Returns K_OK, K_EIO (key
 * missing or unreadable), K_EINVAL (a name the token cannot carry), K_ENOMEM
 * or K_EDB. */
int certissue_issue(sqlite3 *db, int64_t *certificate_id, int64_t user_id, int64_t course_id,
		    int64_t attempt_id, const char *key_dir, time_t now);

#endif
