/* account.h - changes a signed-in user makes to their own account. */
#ifndef KHOA_ACCOUNT_H
#define KHOA_ACCOUNT_H

#include <stdint.h>

#include <sqlite3.h>

#include "auth.h"

/* Sets a new password and replaces every session of the user with one new
 * session, whose cookie value goes to token: someone who learnt the old
 * password is signed out everywhere. One transaction. Returns K_OK, K_EINVAL
 * for a password outside AUTH_PASSWORD_MIN..MAX bytes, K_ENOMEM or K_EDB. */
int account_change_password(sqlite3 *db, char token[AUTH_TOKEN_CHARS + 1], int64_t user_id,
			    const char *password);

#endif
