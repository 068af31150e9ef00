/* admin.h - command-line administration: the state folder and user accounts. */
#ifndef KHOA_ADMIN_H
#define KHOA_ADMIN_H

/* Creates the state folder (mode 0700), the database with its schema, the
 * certificate signing key and, when no administrator exists, the account
 * "admin" with a one-time password printed once to stdout. Running it
 * again on a prepared folder changes nothing. Returns 0 or a K_ code. */
int admin_init(const char *state_dir);

/* Creates a user. With password NULL a one-time password is generated,
 * printed once, and must be changed at first login. */
int admin_user_add(const char *state_dir, const char *username, const char *full_name,
		   const char *role, const char *password);

/* Gives a user a new one-time password, printed once, that must be changed
 * at the next login, and ends the user's sessions. Returns K_ENOTFOUND for
 * an unknown user name. */
int admin_user_reset_password(const char *state_dir, const char *username);

/* Marks the certificate with this serial as revoked, with a reason shown on
 * its verify page. Returns K_ENOTFOUND for an unknown serial and
 * K_ECONFLICT when it is already revoked. */
int admin_certificate_revoke(const char *state_dir, const char *serial, const char *reason);

/* Writes a random password of 12 characters from an alphabet without look-alike letters. */
void admin_random_password(char out[13]);

#endif
