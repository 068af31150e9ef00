/*
 * fuzz_cert_token.c - libFuzzer target for certs/cert_token.c.
 *
 * Every input goes to cert_token_verify under a fixed key pair.  A rejected
 * input must leave the claims zeroed.  An accepted one must be exactly the
 * token that cert_token_sign makes from the decoded claims (Ed25519 signing
 * is deterministic), so no second encoding of a token verifies.
 *
 * The input is also split at its first three '\n' into serial, date and
 * holder (the rest is the course).  Claims that cert_token_sign accepts must
 * verify back to the same fields, which drives the payload parser with valid
 * signatures.
 *
 * Build: clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -fsanitize=fuzzer,address,undefined -Icerts \
 *          certs/cert*.c tests/fuzz/fuzz_cert_token.c \
 *          $(pkg-config --cflags --libs libsodium libqrencode libpng freetype2) -o fuzz_cert_token
 */
#include "cert.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
static unsigned char secret_key[crypto_sign_SECRETKEYBYTES];

/* Derives the fixed key pair once from an all-zero seed, so crashes replay exactly. */
static void keys_init(void)
{
	static int ready;
	unsigned char seed[crypto_sign_SEEDBYTES];

	if (ready)
		return;
	if (sodium_init() < 0)
		abort();
	memset(seed, 0, sizeof seed);
	crypto_sign_seed_keypair(public_key, secret_key, seed);
	ready = 1;
}

static int claims_zeroed(const struct cert_claims *claims)
{
	const unsigned char *bytes = (const unsigned char *)claims;
	size_t i;

	for (i = 0; i < sizeof *claims; i++) {
		if (bytes[i] != 0)
			return 0;
	}
	return 1;
}

/* Copies the bytes up to the next '\n' (or the end) into field, truncated to its capacity; advances *pos past the '\n'. */
static void field_take(char *field, size_t capacity, const uint8_t **pos, const uint8_t *end)
{
	const uint8_t *newline = memchr(*pos, '\n', (size_t)(end - *pos));
	const uint8_t *stop = newline != NULL ? newline : end;
	size_t len = (size_t)(stop - *pos);

	if (len >= capacity)
		len = capacity - 1;
	memcpy(field, *pos, len);
	field[len] = '\0';
	*pos = newline != NULL ? newline + 1 : end;
}

static void check_sign_round_trip(const uint8_t *data, size_t size)
{
	struct cert_claims claims;
	struct cert_claims verified;
	const uint8_t *pos = data;
	const uint8_t *end = data + size;
	char *token = NULL;

	memset(&claims, 0, sizeof claims);
	field_take(claims.serial, sizeof claims.serial, &pos, end);
	field_take(claims.issued_on, sizeof claims.issued_on, &pos, end);
	field_take(claims.holder, sizeof claims.holder, &pos, end);
	field_take(claims.course, sizeof claims.course, &pos, end);

	if (cert_token_sign(&token, &claims, secret_key) != 0) {
		if (token != NULL)
			abort(); /* a rejected sign must not return a token */
		return;
	}
	if (cert_token_verify(&verified, token, strlen(token), public_key) != 0)
		abort();
	/* Fields are C strings: bytes after an embedded NUL are not part of them. */
	if (strcmp(claims.serial, verified.serial) != 0 || strcmp(claims.issued_on, verified.issued_on) != 0 ||
	    strcmp(claims.holder, verified.holder) != 0 || strcmp(claims.course, verified.course) != 0)
		abort();
	free(token);
}

/* Aborts unless signing the verified claims again reproduces the accepted token byte for byte. */
static void check_canonical(const struct cert_claims *claims, const char *token, size_t size)
{
	char *signed_again = NULL;

	if (cert_token_sign(&signed_again, claims, secret_key) != 0)
		abort();
	if (strlen(signed_again) != size || memcmp(signed_again, token, size) != 0)
		abort();
	free(signed_again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cert_claims claims;
	char *copy;

	keys_init();

	/* A heap copy of exactly size bytes lets AddressSanitizer catch any read past token_len. */
	copy = malloc(size > 0 ? size : 1);
	if (copy == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	if (cert_token_verify(&claims, copy, size, public_key) == 0)
		check_canonical(&claims, copy, size);
	else if (!claims_zeroed(&claims))
		abort();
	free(copy);

	check_sign_round_trip(data, size);
	return 0;
}
