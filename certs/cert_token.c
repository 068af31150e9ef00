/* cert_token.c - certificate tokens: base64url(payload) "." base64url(Ed25519 signature). */
#include "cert.h"
#include "cert_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

/* A payload decoded from a token of at most CERT_TOKEN_MAX bytes is at most this long. */
#define PAYLOAD_MAX (CERT_TOKEN_MAX / 4 * 3 + 3)

/* Number of '\n'-separated fields after the version line. */
#define PAYLOAD_FIELDS 4

/*
 * Builds the signed payload "KHOA1\n" serial "\n" issued_on "\n" holder "\n"
 * course into a malloc'd buffer.  The claims must already be validated.
 */
static int payload_build(unsigned char **out, size_t *out_len, const struct cert_claims *claims)
{
	const char *parts[PAYLOAD_FIELDS + 1] = {
		CERT_TOKEN_VERSION, claims->serial, claims->issued_on, claims->holder, claims->course
	};
	unsigned char *payload;
	size_t len = 0;
	size_t i;

	*out = NULL;
	*out_len = 0;
	for (i = 0; i <= PAYLOAD_FIELDS; i++)
		len += strlen(parts[i]) + 1;
	len -= 1; /* no separator after the last field */

	payload = malloc(len);
	if (payload == NULL)
		return CERT_ENOMEM;

	len = 0;
	for (i = 0; i <= PAYLOAD_FIELDS; i++) {
		size_t part_len = strlen(parts[i]);

		if (i > 0)
			payload[len++] = '\n';
		memcpy(payload + len, parts[i], part_len);
		len += part_len;
	}
	*out = payload;
	*out_len = len;
	return 0;
}

int cert_token_sign(char **out_token, const struct cert_claims *claims, const unsigned char sk[64])
{
	unsigned char signature[crypto_sign_BYTES];
	unsigned char *payload = NULL;
	size_t payload_len = 0;
	size_t payload_b64_size;
	size_t signature_b64_size;
	char *token = NULL;
	int err = 0;

	if (out_token == NULL)
		return CERT_EINVAL;
	*out_token = NULL;
	if (claims == NULL || sk == NULL || cert_claims_validate(claims) != 0)
		return CERT_EINVAL;
	if (sodium_init() < 0)
		return CERT_EIO; /* libsodium could not open its random source */

	err = payload_build(&payload, &payload_len, claims);
	if (err != 0)
		goto cleanup;
	if (crypto_sign_detached(signature, NULL, payload, payload_len, sk) != 0) {
		err = CERT_EINVAL;
		goto cleanup;
	}

	/* Both sizes include the NUL; the first NUL becomes the '.' separator. */
	payload_b64_size = sodium_base64_ENCODED_LEN(payload_len, B64_VARIANT);
	signature_b64_size = sodium_base64_ENCODED_LEN(sizeof signature, B64_VARIANT);
	if (payload_b64_size + signature_b64_size - 1 > CERT_TOKEN_MAX) {
		err = CERT_EINVAL; /* unreachable with the field limits of struct cert_claims */
		goto cleanup;
	}
	token = malloc(payload_b64_size + signature_b64_size);
	if (token == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	sodium_bin2base64(token, payload_b64_size, payload, payload_len, B64_VARIANT);
	token[payload_b64_size - 1] = '.';
	sodium_bin2base64(token + payload_b64_size, signature_b64_size, signature, sizeof signature, B64_VARIANT);

	*out_token = token;
	token = NULL;

cleanup:
	free(token);
	free(payload);
	return err;
}

/*
 * Decodes strict unpadded base64url: every character must belong to the
 * alphabet and unused trailing bits must be zero, so each byte string has
 * exactly one encoding and any changed character changes the decoded bytes.
 */
static int base64url_decode(unsigned char *bin, size_t bin_max, size_t *bin_len, const char *b64, size_t b64_len)
{
	*bin_len = 0;
	if (b64_len == 0)
		return -1;
	/* With b64_end NULL, libsodium fails unless it consumed every character. */
	return sodium_base642bin(bin, bin_max, b64, b64_len, NULL, bin_len, NULL, B64_VARIANT);
}

/* Copies the len bytes at field into dst of capacity bytes; fails if they do not fit with a NUL. */
static int field_copy(char *dst, size_t capacity, const unsigned char *field, size_t len)
{
	if (len >= capacity)
		return -1;
	memcpy(dst, field, len);
	dst[len] = '\0';
	return 0;
}

/*
 * Splits a signed payload into claims.  The payload must start with the
 * version line and hold exactly PAYLOAD_FIELDS fields with no NUL byte, and
 * the fields must pass cert_claims_validate.  Returns 0 or CERT_ESIG.
 */
static int payload_parse(struct cert_claims *out, const unsigned char *payload, size_t len)
{
	static const char version[] = CERT_TOKEN_VERSION "\n";
	char *fields[PAYLOAD_FIELDS] = { out->serial, out->issued_on, out->holder, out->course };
	const size_t capacities[PAYLOAD_FIELDS] = {
		sizeof out->serial, sizeof out->issued_on, sizeof out->holder, sizeof out->course
	};
	size_t start;
	size_t i;
	int field = 0;

	if (len < sizeof version - 1 || memcmp(payload, version, sizeof version - 1) != 0)
		return CERT_ESIG;
	if (memchr(payload, '\0', len) != NULL)
		return CERT_ESIG;

	start = sizeof version - 1;
	for (i = start; i <= len; i++) {
		if (i < len && payload[i] != '\n')
			continue;
		if (field == PAYLOAD_FIELDS)
			return CERT_ESIG; /* too many fields */
		if (field_copy(fields[field], capacities[field], payload + start, i - start) != 0)
			return CERT_ESIG;
		field++;
		start = i + 1;
	}
	if (field != PAYLOAD_FIELDS)
		return CERT_ESIG;
	if (cert_claims_validate(out) != 0)
		return CERT_ESIG;
	return 0;
}

int cert_token_verify(struct cert_claims *out, const char *token, size_t token_len, const unsigned char pk[32])
{
	unsigned char payload[PAYLOAD_MAX];
	unsigned char signature[crypto_sign_BYTES];
	size_t payload_len = 0;
	size_t signature_len = 0;
	const char *dot;
	int err = CERT_ESIG;

	if (out == NULL)
		return CERT_EINVAL;
	memset(out, 0, sizeof *out);
	if (token == NULL || pk == NULL)
		return CERT_EINVAL;
	if (token_len == 0 || token_len > CERT_TOKEN_MAX)
		return CERT_ESIG;
	if (sodium_init() < 0)
		return CERT_EIO;

	dot = memchr(token, '.', token_len);
	if (dot == NULL)
		goto cleanup;
	/* A second '.' lies outside the base64url alphabet and fails decoding. */
	if (base64url_decode(payload, sizeof payload, &payload_len, token, (size_t)(dot - token)) != 0)
		goto cleanup;
	if (base64url_decode(signature, sizeof signature, &signature_len, dot + 1,
			     token_len - (size_t)(dot - token) - 1) != 0 ||
	    signature_len != sizeof signature)
		goto cleanup;

	/* The payload is only read after its signature has been verified. */
	if (crypto_sign_verify_detached(signature, payload, payload_len, pk) != 0)
		goto cleanup;
	err = payload_parse(out, payload, payload_len);

cleanup:
	if (err != 0)
		memset(out, 0, sizeof *out);
	return err;
}
