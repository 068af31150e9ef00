/* auth.h - passwords (Argon2id), login sessions and CSRF tokens. */
#ifndef KHOA_AUTH_H
#define KHOA_AUTH_H

#include <stdint.h>

#include <sodium.h>
#include <sqlite3.h>

/* Argon2id cost: OWASP's minimum recommendation is m = 19 MiB, t = 2, p = 1
 * (libsodium always uses p = 1). Raising either only slows logins. */
#ifndef AUTH_ARGON2_MEMORY
#define AUTH_ARGON2_MEMORY (19u * 1024u * 1024u)
#endif
#ifndef AUTH_ARGON2_PASSES
#define AUTH_ARGON2_PASSES 2u
#endif

#define AUTH_SESSION_COOKIE "khoa_session"
#define AUTH_LOGIN_CSRF_COOKIE "khoa_login_csrf"
#define AUTH_SESSION_SECONDS (12L * 3600L)

/* Failed logins within the window that lock a user name out: from one
 * address, and from all addresses together. The per-address limit stops
 * guessing without letting anyone lock a colleague out from elsewhere; the
 * overall limit bounds guessing spread over many addresses. */
#define AUTH_MAX_FAILURES 10
#define AUTH_MAX_FAILURES_ALL_ADDRESSES 50
#define AUTH_FAILURE_WINDOW_SECONDS (15 * 60)

#define AUTH_TOKEN_CHARS 64   /* 32 random bytes in hex */
#define AUTH_PASSWORD_MIN 8
#define AUTH_PASSWORD_MAX 256
#define AUTH_USERNAME_MIN 3
#define AUTH_USERNAME_MAX 64
#define AUTH_FULL_NAME_MAX 120  /* bytes; it must fit a certificate's QR code */

struct auth_user {
	int64_t id;
	char username[128];
	char full_name[256];
	char role[16];            /* learner, manager, editor, admin */
	char unit_name[256];      /* "" when the user has no unit */
	int must_change_password;
	char csrf[AUTH_TOKEN_CHARS + 1];
};

/* Writes 32 random bytes as 64 hex characters and a NUL. Cannot fail. */
void auth_random_token(char out[AUTH_TOKEN_CHARS + 1]);

/* Hashes a password into a crypt-style Argon2id string. Returns K_EINVAL for
 * a password outside AUTH_PASSWORD_MIN..MAX bytes, K_ENOMEM. */
int auth_password_hash(char out[crypto_pwhash_STRBYTES], const char *password);

/* Returns K_OK when password matches hash, else K_EPERM. */
int auth_password_verify(const char *hash, const char *password);

/* Checks a user name and password from remote_addr and records failures.
 * The name is trimmed and compared without case. Returns K_OK and the
 * user's id, K_EPERM for a wrong name or password or an inactive account
 * (the caller cannot tell which), K_ETOOBIG when the name is locked out
 * (see AUTH_MAX_FAILURES), K_EDB. */
int auth_login(sqlite3 *db, int64_t *user_id, const char *username, const char *password,
	       const char *remote_addr);

/* Writes the canonical form of a user name into out: ASCII letters in lower
 * case, surrounding spaces removed. Returns K_EINVAL unless the result has
 * AUTH_USERNAME_MIN..MAX characters from a-z, 0-9, '.', '_', '-' and '@'. */
int auth_username_canonical(char out[AUTH_USERNAME_MAX + 1], const char *username);

/* Creates a session and stores the cookie value in token. The database keeps
 * only its SHA-256. Returns K_OK or K_EDB. */
int auth_session_create(sqlite3 *db, char token[AUTH_TOKEN_CHARS + 1], int64_t user_id);

/* Loads the user of an unexpired session. Returns K_ENOTFOUND for a missing,
 * malformed or expired token or an inactive user, K_EDB. */
int auth_session_load(sqlite3 *db, struct auth_user *user, const char *token);

/* Deletes the session; a missing one is not an error. */
int auth_session_destroy(sqlite3 *db, const char *token);

/* Compares a submitted CSRF token with the expected one in constant time.
 * Returns 1 when both are present and equal. */
int auth_csrf_equal(const char *expected, const char *submitted);

/* Creates a user and stores its id. The user name is stored in canonical
 * form (see auth_username_canonical) and the full name in NFC. A full name
 * must be 1..AUTH_FULL_NAME_MAX bytes of UTF-8 without control characters.
 * Returns K_EINVAL for an invalid field, K_ECONFLICT when the user name is
 * taken, K_EDB. */
int auth_user_create(sqlite3 *db, int64_t *user_id, const char *username,
		     const char *full_name, const char *role, const char *password,
		     int must_change_password);

/* Sets a new password and clears must_change_password. */
int auth_user_set_password(sqlite3 *db, int64_t user_id, const char *password);

#endif
