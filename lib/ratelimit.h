/* ratelimit.h - counting requests per client in SQLite to limit their rate. */
#ifndef KHOA_RATELIMIT_H
#define KHOA_RATELIMIT_H

#include <sqlite3.h>

/* Records one request of `kind` (e.g. "verify-serial") from `client` and
 * returns K_OK, or K_ETOOBIG without recording when the client already made
 * `max` such requests in the last `window_seconds`. Counting and recording
 * happen in one write transaction, so parallel requests cannot overshoot.
 * Returns K_EDB on a database error. */
int ratelimit_hit(sqlite3 *db, const char *kind, const char *client, int max, int window_seconds);

#endif
