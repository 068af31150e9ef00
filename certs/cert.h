/* cert.h - certificate claims, Ed25519-signed tokens, signing keys and PNG rendering. */
#ifndef KHOA_CERT_H
#define KHOA_CERT_H

#include <stddef.h>
#include <time.h>

#define CERT_SERIAL_MAX 32
#define CERT_TEXT_MAX 512

/* Maximum token length in bytes that cert_token_verify accepts. */
#define CERT_TOKEN_MAX 2048

/* First line of every token payload; a token with another version line is rejected. */
#define CERT_TOKEN_VERSION "KHOA1"

/* Key file names inside the key directory. */
#define CERT_KEY_SECRET_FILE "cert-ed25519.key"
#define CERT_KEY_PUBLIC_FILE "cert-ed25519.pub"

/* Font directory used when cert_render_input.font_dir is NULL; override with -DCERT_FONT_DIR=... */
#ifndef CERT_FONT_DIR
#define CERT_FONT_DIR "/usr/share/fonts/truetype/noto"
#endif

/*
 * Claims of one certificate.  Every field is a NUL-terminated UTF-8 string
 * that is non-empty and contains no control character (U+0000-U+001F, U+007F).
 * NFC is expected but not checked.  A combining mark that remains is centred
 * over the preceding letter and stacked above its ink, which approximates
 * but does not equal the font's own mark positioning.
 */
struct cert_claims {
	char serial[CERT_SERIAL_MAX];   /* e.g. "KHOA-2026-000001" */
	char issued_on[11];             /* ISO date "2026-12-04" (Asia/Ho_Chi_Minh calendar day) */
	char holder[CERT_TEXT_MAX];     /* full name, UTF-8 NFC */
	char course[CERT_TEXT_MAX];     /* certificate title of the course, UTF-8 NFC */
};

/* Error codes: 0 is success, every failure is negative. */
enum cert_error {
	CERT_OK = 0,
	CERT_EINVAL = -1,  /* invalid argument or claim field */
	CERT_ESIG = -2,    /* bad signature or malformed token */
	CERT_EIO = -3,     /* key file missing, unreadable, malformed or already present */
	CERT_ENOMEM = -4,  /* allocation failed */
	CERT_EFONT = -5,   /* font missing, unreadable or without a glyph for a character */
	CERT_EPNG = -6,    /* libpng failed to encode the image */
	CERT_EQR = -7      /* libqrencode failed, or the QR code does not fit its area */
};

/* Returns a static English description of a cert_error code; unknown codes get a generic text. */
const char *cert_strerror(int err);

/*
 * Checks every claim field against the rules above, and issued_on for a real
 * calendar date in the form YYYY-MM-DD (years 0001-9999).
 * Returns 0 or CERT_EINVAL.
 */
int cert_claims_validate(const struct cert_claims *claims);

/* Writes the ISO date "yyyy-mm-dd" as "dd/mm/yyyy" into out.  Returns 0 or CERT_EINVAL. */
int cert_date_display(char out[11], const char *issued_on);

/*
 * Writes the Asia/Ho_Chi_Minh calendar day of the instant `now` as
 * "yyyy-mm-dd".  Vietnam has used UTC+07:00 without daylight saving since
 * 1975, so a fixed offset is used instead of the tz database.
 * Returns 0 or CERT_EINVAL when the date cannot be represented.
 */
int cert_date_today(char out[11], time_t now);

/*
 * Key files: a directory holding "cert-ed25519.key" (the 64-byte libsodium
 * secret key, hex, file mode 0600) and "cert-ed25519.pub" (32-byte public
 * key, hex, one line).
 */

/*
 * Generates a key pair and writes both files.  Fails with CERT_EIO if either
 * file already exists, and never overwrites.  Creates dir with mode 0700 when
 * it is missing (its parent must exist).
 */
int cert_key_create(const char *dir);

/* Reads the secret key and checks that its seed half derives its public half.  Returns 0, CERT_EIO, or CERT_EINVAL for NULL. */
int cert_key_load_secret(unsigned char sk[64], const char *dir);

/* Reads the public key.  Returns 0, CERT_EIO, or CERT_EINVAL for NULL. */
int cert_key_load_public(unsigned char pk[32], const char *dir);

/*
 * Token: ASCII, URL-safe, no padding:
 *   base64url(payload) "." base64url(Ed25519 signature of payload)
 * Payload is UTF-8 "KHOA1\n" serial "\n" issued_on "\n" holder "\n" course.
 *
 * cert_token_sign stores a malloc'd NUL-terminated token in *out_token (the
 * caller frees it).  It rejects claims that fail cert_claims_validate with
 * CERT_EINVAL.
 */
int cert_token_sign(char **out_token, const struct cert_claims *claims, const unsigned char sk[64]);

/*
 * Verifies the signature first, then parses the payload and validates the
 * claims.  Returns CERT_ESIG on any tampering, truncation, bad base64, wrong
 * version, wrong field count, invalid field or a token longer than
 * CERT_TOKEN_MAX bytes; CERT_EINVAL on a NULL argument.  On failure *out is
 * zeroed.
 */
int cert_token_verify(struct cert_claims *out, const char *token, size_t token_len, const unsigned char pk[32]);

struct cert_render_input {
	const struct cert_claims *claims;
	const char *verify_url;     /* encoded in the QR code, byte mode, ECC level M */
	const char *issuer;         /* organisation name as written, e.g. "Sở Khoa học và Công nghệ tỉnh Mẫu"; drawn in capitals */
	const char *font_dir;       /* NULL means CERT_FONT_DIR (NotoSerif-Bold.ttf, NotoSerif-Regular.ttf, NotoSans-Regular.ttf) */
};

/* Width and height in pixels of every rendered certificate (A4 landscape ratio). */
#define CERT_IMAGE_WIDTH 1600
#define CERT_IMAGE_HEIGHT 1131

/*
 * Renders the certificate as an 8-bit RGB PNG of CERT_IMAGE_WIDTH x
 * CERT_IMAGE_HEIGHT pixels into a malloc'd buffer (the caller frees it).
 * The issuer is drawn in capitals (ASCII, Latin-1 and Vietnamese letters).
 * The QR code uses modules of at least 4 px and must fit in a 392 px square
 * with its quiet zone.  So the verify URL may be at most 560 bytes, which is
 * QR version 18 at level M, and a longer URL fails with CERT_EQR.  With a
 * 39-byte URL prefix and a 16-byte serial, that leaves 290 bytes for holder
 * and course together.
 * Returns CERT_EFONT when a character has no glyph in the Noto faces.
 */
int cert_render_png(unsigned char **out_png, size_t *out_len, const struct cert_render_input *in);

#endif
