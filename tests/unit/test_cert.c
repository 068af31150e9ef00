/* test_cert.c - unit tests of certs/: tokens, key files, claims, rendering and the QR round trip. */
#include "cert.h"
#include "cert_internal.h"
#include "check.h"

#include <png.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define B64_VARIANT sodium_base64_VARIANT_URLSAFE_NO_PADDING

static const char BASE64URL_ALPHABET[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static const char LONG_HOLDER[] = "Tôn Nữ Hoàng Thị Ngọc Ánh Đặng Hữu Phước";
static const char LONG_COURSE[] = "Bồi dưỡng kiến thức quản lý nhà nước về khoa học, công nghệ và đổi mới "
				  "sáng tạo cho cán bộ, công chức cấp xã năm 2026";
static const char ISSUER[] = "Sở Khoa học và Công nghệ tỉnh Mẫu";
static const char URL_PREFIX[] = "http://127.0.0.1:8080/cgi-bin/verify?t=";

/* Fills claims with the four fields; a field too long for its array is truncated by snprintf. */
static void claims_set(struct cert_claims *claims, const char *serial, const char *issued_on, const char *holder,
		       const char *course)
{
	memset(claims, 0, sizeof *claims);
	snprintf(claims->serial, sizeof claims->serial, "%s", serial);
	snprintf(claims->issued_on, sizeof claims->issued_on, "%s", issued_on);
	snprintf(claims->holder, sizeof claims->holder, "%s", holder);
	snprintf(claims->course, sizeof claims->course, "%s", course);
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

/* Builds a token over an arbitrary payload, signed with sk, bypassing cert_token_sign's checks. */
static char *token_from_payload(const char *payload, const unsigned char sk[64])
{
	unsigned char signature[crypto_sign_BYTES];
	size_t payload_len = strlen(payload);
	size_t payload_b64 = sodium_base64_ENCODED_LEN(payload_len, B64_VARIANT);
	size_t signature_b64 = sodium_base64_ENCODED_LEN(sizeof signature, B64_VARIANT);
	char *token = malloc(payload_b64 + signature_b64);

	if (token == NULL)
		return NULL;
	crypto_sign_detached(signature, NULL, (const unsigned char *)payload, payload_len, sk);
	sodium_bin2base64(token, payload_b64, (const unsigned char *)payload, payload_len, B64_VARIANT);
	token[payload_b64 - 1] = '.';
	sodium_bin2base64(token + payload_b64, signature_b64, signature, sizeof signature, B64_VARIANT);
	return token;
}

static void test_token_round_trip(const unsigned char pk[32], const unsigned char sk[64])
{
	static const char *holders[] = { "Nguyễn Thị Ngọc Ánh", "Đặng Hữu Phước", LONG_HOLDER };
	struct cert_claims claims;
	struct cert_claims verified;
	size_t i;

	for (i = 0; i < sizeof holders / sizeof holders[0]; i++) {
		char *token = NULL;
		size_t j;
		size_t dots = 0;
		int ascii_url_safe = 1;

		claims_set(&claims, "KHOA-2026-000001", "2026-12-04", holders[i], LONG_COURSE);
		CHECK(cert_token_sign(&token, &claims, sk) == 0);
		CHECK(token != NULL);
		if (token == NULL)
			continue;
		for (j = 0; token[j] != '\0'; j++) {
			if (token[j] == '.')
				dots++;
			else if (strchr(BASE64URL_ALPHABET, token[j]) == NULL)
				ascii_url_safe = 0;
		}
		CHECK(dots == 1);
		CHECK(ascii_url_safe);
		CHECK(strlen(token) <= CERT_TOKEN_MAX);

		CHECK(cert_token_verify(&verified, token, strlen(token), pk) == 0);
		CHECK_STR(verified.serial, "KHOA-2026-000001");
		CHECK_STR(verified.issued_on, "2026-12-04");
		CHECK_STR(verified.holder, holders[i]);
		CHECK_STR(verified.course, LONG_COURSE);
		free(token);
	}
}

/* Replaces every character of a valid token, one at a time, by every other base64url character. */
static void test_token_single_character_changes(const unsigned char pk[32], const unsigned char sk[64])
{
	struct cert_claims claims;
	struct cert_claims verified;
	char *token = NULL;
	size_t len;
	size_t pos;
	size_t tried = 0;
	size_t accepted = 0;
	size_t not_zeroed = 0;

	claims_set(&claims, "KHOA-2026-000042", "2026-12-04", "Đặng Hữu Phước", "Tin học văn phòng cơ bản");
	CHECK(cert_token_sign(&token, &claims, sk) == 0);
	if (token == NULL)
		return;
	len = strlen(token);

	for (pos = 0; pos < len; pos++) {
		const char original = token[pos];
		const char *replacement;

		for (replacement = BASE64URL_ALPHABET; *replacement != '\0'; replacement++) {
			int err;

			if (*replacement == original)
				continue;
			token[pos] = *replacement;
			memset(&verified, 0xAB, sizeof verified);
			err = cert_token_verify(&verified, token, len, pk);
			tried++;
			if (err != CERT_ESIG) {
				accepted++;
				fprintf(stderr, "token change at %zu to '%c' returned %d\n", pos, *replacement, err);
			}
			if (!claims_zeroed(&verified))
				not_zeroed++;
		}
		token[pos] = original;
	}
	/* 63 replacements for each base64url character, 64 for the '.' separator. */
	CHECK(tried == (len - 1) * 63 + 64);
	CHECK(accepted == 0);
	CHECK(not_zeroed == 0);
	CHECK(cert_token_verify(&verified, token, len, pk) == 0);
	free(token);
}

static void test_token_malformed(const unsigned char pk[32], const unsigned char sk[64])
{
	struct cert_claims claims;
	struct cert_claims verified;
	char *token = NULL;
	char *copy;
	char *oversized;
	const char *dot;
	size_t len;

	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học văn phòng");
	CHECK(cert_token_sign(&token, &claims, sk) == 0);
	if (token == NULL)
		return;
	len = strlen(token);
	dot = strchr(token, '.');

	CHECK(cert_token_verify(&verified, token, len - 1, pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, token, len / 2, pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, token, (size_t)(dot - token) + 1, pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, token, (size_t)(dot - token), pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, dot, strlen(dot), pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, "", 0, pk) == CERT_ESIG);
	CHECK(cert_token_verify(&verified, ".", 1, pk) == CERT_ESIG);
	CHECK(claims_zeroed(&verified));

	copy = malloc(len + 2);
	CHECK(copy != NULL);
	if (copy != NULL) {
		/* Without the '.' separator. */
		memcpy(copy, token, (size_t)(dot - token));
		strcpy(copy + (dot - token), dot + 1);
		CHECK(cert_token_verify(&verified, copy, strlen(copy), pk) == CERT_ESIG);

		/* A trailing newline, a second '.', and '=' padding are not part of the format. */
		snprintf(copy, len + 2, "%s\n", token);
		CHECK(cert_token_verify(&verified, copy, len + 1, pk) == CERT_ESIG);
		snprintf(copy, len + 2, "%s.", token);
		CHECK(cert_token_verify(&verified, copy, len + 1, pk) == CERT_ESIG);
		snprintf(copy, len + 2, "%s=", token);
		CHECK(cert_token_verify(&verified, copy, len + 1, pk) == CERT_ESIG);
		free(copy);
	}

	/* Over CERT_TOKEN_MAX bytes: rejected by length, even with the valid token as its prefix. */
	oversized = malloc(CERT_TOKEN_MAX + 2);
	CHECK(oversized != NULL);
	if (oversized != NULL) {
		memset(oversized, 'A', CERT_TOKEN_MAX + 1);
		oversized[CERT_TOKEN_MAX + 1] = '\0';
		memcpy(oversized, token, len);
		CHECK(cert_token_verify(&verified, oversized, CERT_TOKEN_MAX + 1, pk) == CERT_ESIG);
		free(oversized);
	}

	CHECK(cert_token_verify(NULL, token, len, pk) == CERT_EINVAL);
	CHECK(cert_token_verify(&verified, NULL, len, pk) == CERT_EINVAL);
	CHECK(cert_token_verify(&verified, token, len, NULL) == CERT_EINVAL);
	free(token);
}

/* Payloads with a valid signature but a wrong layout must still be rejected. */
static void test_token_signed_bad_payload(const unsigned char pk[32], const unsigned char sk[64])
{
	static const char *payloads[] = {
		"KHOA2\nKHOA-1\n2026-12-04\nĐặng Hữu Phước\nTin học",         /* wrong version */
		"KHOA1\nKHOA-1\n2026-12-04\nĐặng Hữu Phước",                   /* three fields */
		"KHOA1\nKHOA-1\n2026-12-04\nĐặng Hữu Phước\nTin học\nthừa",    /* five fields */
		"KHOA1\nKHOA-1\n2026-02-30\nĐặng Hữu Phước\nTin học",         /* impossible date */
		"KHOA1\nKHOA-1\n2026-12-04\n\nTin học",                        /* empty holder */
		"KHOA1\nKHOA-1\n2026-12-04\nĐặng \xC3\x28 Phước\nTin học",     /* invalid UTF-8 */
		"KHOA1\nKHOA-000000000000000000000000000001\n2026-12-04\nA\nB", /* serial too long */
		"KHOA1",                                                        /* version only */
	};
	struct cert_claims verified;
	size_t i;

	for (i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
		char *token = token_from_payload(payloads[i], sk);

		CHECK(token != NULL);
		if (token == NULL)
			continue;
		CHECK(cert_token_verify(&verified, token, strlen(token), pk) == CERT_ESIG);
		CHECK(claims_zeroed(&verified));
		free(token);
	}
}

static void test_token_sign_rejects(const unsigned char sk[64])
{
	static const char *bad_dates[] = { "2026-13-01", "2026-02-30", "2026-12-4", "04/12/2026", "2026/12/04",
					   "0000-01-01", "2026-12-0a", "" };
	struct cert_claims claims;
	char sentinel[] = "sentinel";
	char *token = sentinel;
	size_t i;

	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị\nNgọc Ánh", "Tin học");
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	CHECK(token == NULL);

	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "");
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	claims_set(&claims, "", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học");
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn\tThị", "Tin học");
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguy\xE1\xBB", "Tin học"); /* truncated UTF-8 */
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "\xC0\xAF", "Tin học"); /* overlong '/' */
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);

	for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
		claims_set(&claims, "KHOA-2026-000001", bad_dates[i], "Nguyễn Thị Ngọc Ánh", "Tin học");
		CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);
	}

	/* A field without its NUL inside the array. */
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học");
	memset(claims.serial, 'K', sizeof claims.serial);
	CHECK(cert_token_sign(&token, &claims, sk) == CERT_EINVAL);

	claims_set(&claims, "KHOA-2026-000001", "2024-02-29", "Nguyễn Thị Ngọc Ánh", "Tin học");
	CHECK(cert_token_sign(&token, &claims, sk) == 0);
	free(token);
	CHECK(cert_token_sign(&token, NULL, sk) == CERT_EINVAL);
	CHECK(cert_token_sign(NULL, &claims, sk) == CERT_EINVAL);
}

static void test_token_wrong_public_key(const unsigned char sk[64])
{
	unsigned char other_pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char other_sk[crypto_sign_SECRETKEYBYTES];
	struct cert_claims claims;
	struct cert_claims verified;
	char *token = NULL;

	crypto_sign_keypair(other_pk, other_sk);
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học");
	CHECK(cert_token_sign(&token, &claims, sk) == 0);
	if (token == NULL)
		return;
	CHECK(cert_token_verify(&verified, token, strlen(token), other_pk) == CERT_ESIG);
	CHECK(claims_zeroed(&verified));
	free(token);
}

/* Reads a whole small file into buffer; returns its length or -1. */
static long file_read(char *buffer, size_t size, const char *path)
{
	FILE *file = fopen(path, "rb");
	size_t n;

	if (file == NULL)
		return -1;
	n = fread(buffer, 1, size - 1, file);
	fclose(file);
	buffer[n] = '\0';
	return (long)n;
}

static void test_key_files(void)
{
	char base[] = "/tmp/test_cert.XXXXXX";
	char dir[64];
	char sk_path[128];
	char pk_path[128];
	char sk_before[512];
	char sk_after[512];
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	struct cert_claims claims;
	struct cert_claims verified;
	struct stat st;
	char *token = NULL;
	mode_t old_umask;
	FILE *file;

	CHECK(mkdtemp(base) != NULL);
	snprintf(dir, sizeof dir, "%s/keys", base);
	snprintf(sk_path, sizeof sk_path, "%s/%s", dir, CERT_KEY_SECRET_FILE);
	snprintf(pk_path, sizeof pk_path, "%s/%s", dir, CERT_KEY_PUBLIC_FILE);

	/* A permissive umask must not widen the modes. */
	old_umask = umask(0);
	CHECK(cert_key_create(dir) == 0);
	umask(old_umask);

	CHECK(stat(dir, &st) == 0);
	CHECK((st.st_mode & 0777) == 0700);
	CHECK(stat(sk_path, &st) == 0);
	CHECK((st.st_mode & 0777) == 0600);
	CHECK(stat(pk_path, &st) == 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK(file_read(sk_before, sizeof sk_before, sk_path) == 129);
	CHECK(file_read(sk_after, sizeof sk_after, pk_path) == 65);

	CHECK(cert_key_load_secret(sk, dir) == 0);
	CHECK(cert_key_load_public(pk, dir) == 0);
	CHECK(memcmp(sk + 32, pk, 32) == 0);
	claims_set(&claims, "KHOA-2026-000007", "2026-12-04", "Đặng Hữu Phước", "Tin học văn phòng");
	CHECK(cert_token_sign(&token, &claims, sk) == 0);
	if (token != NULL)
		CHECK(cert_token_verify(&verified, token, strlen(token), pk) == 0);
	free(token);

	/* Never overwrite: a second create fails and leaves the secret as it was. */
	CHECK(cert_key_create(dir) == CERT_EIO);
	CHECK(file_read(sk_after, sizeof sk_after, sk_path) == 129);
	CHECK_STR(sk_after, sk_before);

	/* Missing files and a corrupted public half of the secret key. */
	CHECK(cert_key_load_secret(sk, base) == CERT_EIO);
	CHECK(cert_key_load_public(pk, base) == CERT_EIO);
	sk_before[100] = sk_before[100] == '0' ? '1' : '0';
	file = fopen(sk_path, "wb");
	CHECK(file != NULL);
	if (file != NULL) {
		fputs(sk_before, file);
		fclose(file);
	}
	CHECK(cert_key_load_secret(sk, dir) == CERT_EIO);
	file = fopen(pk_path, "wb");
	if (file != NULL) {
		fputs("abcd\n", file);
		fclose(file);
	}
	CHECK(cert_key_load_public(pk, dir) == CERT_EIO);
	CHECK(cert_key_load_public(pk, NULL) == CERT_EINVAL);

	/* With the public file gone, create still refuses because the secret exists. */
	CHECK(unlink(pk_path) == 0);
	CHECK(file_read(sk_before, sizeof sk_before, sk_path) == 129);
	CHECK(cert_key_create(dir) == CERT_EIO);
	CHECK(file_read(sk_after, sizeof sk_after, sk_path) == 129);
	CHECK_STR(sk_after, sk_before);
	CHECK(access(pk_path, F_OK) != 0);
	CHECK(unlink(sk_path) == 0);
	CHECK(rmdir(dir) == 0);

	/* A umask that removes the owner's write bit must not change the modes either. */
	old_umask = umask(0277);
	CHECK(cert_key_create(dir) == 0);
	umask(old_umask);
	CHECK(stat(dir, &st) == 0);
	CHECK((st.st_mode & 0777) == 0700);
	CHECK(stat(sk_path, &st) == 0);
	CHECK((st.st_mode & 0777) == 0600);
	CHECK(cert_key_load_secret(sk, dir) == 0);

	unlink(sk_path);
	unlink(pk_path);
	rmdir(dir);
	CHECK(rmdir(base) == 0);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Signs claims and renders them; the PNG and URL are malloc'd, NULL on failure. */
static int certificate_render(unsigned char **png, size_t *png_len, char **url, const struct cert_claims *claims,
			      const unsigned char sk[64])
{
	struct cert_render_input in;
	char *token = NULL;
	size_t url_size;
	int err;

	*url = NULL;
	err = cert_token_sign(&token, claims, sk);
	if (err != 0)
		return err;
	url_size = sizeof URL_PREFIX + strlen(token);
	*url = malloc(url_size);
	if (*url == NULL) {
		free(token);
		return CERT_ENOMEM;
	}
	snprintf(*url, url_size, "%s%s", URL_PREFIX, token);
	free(token);

	in.claims = claims;
	in.verify_url = *url;
	in.issuer = ISSUER;
	in.font_dir = NULL;
	return cert_render_png(png, png_len, &in);
}

static void test_render_png_header(const unsigned char sk[64])
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	struct cert_claims claims;
	unsigned char *png = NULL;
	size_t png_len = 0;
	char *url = NULL;

	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học văn phòng");
	CHECK(certificate_render(&png, &png_len, &url, &claims, sk) == 0);
	CHECK(png != NULL);
	CHECK(png_len > 33);
	if (png != NULL && png_len > 33) {
		CHECK(memcmp(png, signature, sizeof signature) == 0);
		CHECK(be32(png + 8) == 13);
		CHECK(memcmp(png + 12, "IHDR", 4) == 0);
		CHECK(be32(png + 16) == CERT_IMAGE_WIDTH);
		CHECK(be32(png + 20) == CERT_IMAGE_HEIGHT);
		CHECK(png[24] == 8); /* bit depth */
		CHECK(png[25] == 2); /* colour type RGB */
	}
	free(png);
	free(url);
}

static void test_render_rejects(void)
{
	unsigned char sentinel[] = "sentinel";
	struct cert_claims claims;
	struct cert_render_input in;
	unsigned char *png = sentinel;
	size_t png_len = 99;
	char *long_url;

	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn Thị Ngọc Ánh", "Tin học");
	in.claims = &claims;
	in.verify_url = "http://127.0.0.1:8080/cgi-bin/verify?t=x";
	in.issuer = ISSUER;
	in.font_dir = "/nonexistent/fonts";
	CHECK(cert_render_png(&png, &png_len, &in) == CERT_EFONT);
	CHECK(png == NULL);
	CHECK(png_len == 0);

	in.font_dir = NULL;
	in.issuer = "";
	CHECK(cert_render_png(&png, &png_len, &in) == CERT_EINVAL);
	in.issuer = ISSUER;
	in.claims = NULL;
	CHECK(cert_render_png(&png, &png_len, &in) == CERT_EINVAL);
	in.claims = &claims;

	/* Needs QR version 27 at level M, beyond what 4 px modules fit in the QR area. */
	long_url = malloc(1001);
	CHECK(long_url != NULL);
	if (long_url != NULL) {
		memset(long_url, 'a', 1000);
		long_url[1000] = '\0';
		in.verify_url = long_url;
		CHECK(cert_render_png(&png, &png_len, &in) == CERT_EQR);
		CHECK(png == NULL);
		free(long_url);
	}

	/* A character that the Noto faces lack (U+4E2D, a CJK ideograph). */
	claims_set(&claims, "KHOA-2026-000001", "2026-12-04", "Nguyễn \xE4\xB8\xAD", "Tin học");
	in.verify_url = "http://127.0.0.1:8080/cgi-bin/verify?t=x";
	CHECK(cert_render_png(&png, &png_len, &in) == CERT_EFONT);
}

static const unsigned char QR_NAVY[3] = { 24, 46, 86 };

static int pixel_is(const unsigned char *pixels, int width, int x, int y, const unsigned char rgb[3])
{
	return memcmp(pixels + ((size_t)y * (size_t)width + (size_t)x) * 3, rgb, 3) == 0;
}

/* Finds the first navy pixel, row by row, in the area below the course title where only the QR code is navy. */
static int qr_corner_find(int *out_x, int *out_y, const unsigned char *pixels, int width)
{
	int x;
	int y;

	for (y = 622; y < 1020; y++) {
		for (x = 1080; x < 1500; x++) {
			if (pixel_is(pixels, width, x, y, QR_NAVY)) {
				*out_x = x;
				*out_y = y;
				return 1;
			}
		}
	}
	return 0;
}

/*
 * Decodes the PNG and measures the QR code's top-left finder pattern: its
 * first row is 7 dark modules, and the white quiet zone left of it must be
 * 4 modules wide.
 */
static void test_render_qr_geometry(const unsigned char sk[64])
{
	static const unsigned char white[3] = { 255, 255, 255 };
	struct cert_claims claims;
	png_image image;
	unsigned char *png = NULL;
	unsigned char *pixels = NULL;
	size_t png_len = 0;
	char *url = NULL;
	int width;
	int dark = 0;
	int quiet = 0;
	int x = 0;
	int y = 0;

	claims_set(&claims, "KHOA-2026-000123", "2026-12-04", LONG_HOLDER, LONG_COURSE);
	CHECK(certificate_render(&png, &png_len, &url, &claims, sk) == 0);
	if (png == NULL)
		goto cleanup;

	memset(&image, 0, sizeof image);
	image.version = PNG_IMAGE_VERSION;
	CHECK(png_image_begin_read_from_memory(&image, png, png_len) != 0);
	if (image.warning_or_error & PNG_IMAGE_ERROR)
		goto cleanup;
	image.format = PNG_FORMAT_RGB;
	pixels = malloc(PNG_IMAGE_SIZE(image));
	CHECK(pixels != NULL);
	if (pixels == NULL) {
		png_image_free(&image);
		goto cleanup;
	}
	CHECK(png_image_finish_read(&image, NULL, pixels, 0, NULL) != 0);
	width = (int)image.width;

	CHECK(qr_corner_find(&x, &y, pixels, width));
	if (x == 0)
		goto cleanup;
	while (x + dark < width && pixel_is(pixels, width, x + dark, y, QR_NAVY))
		dark++;
	while (x - quiet > 0 && pixel_is(pixels, width, x - quiet - 1, y, white))
		quiet++;
	CHECK(dark % 7 == 0);
	CHECK(dark / 7 >= 4);
	CHECK(quiet == 4 * (dark / 7));

cleanup:
	free(pixels);
	free(png);
	free(url);
}

/* Returns 1 when zbarimg is on PATH. */
static int zbarimg_available(void)
{
	return system("command -v zbarimg >/dev/null 2>&1") == 0;
}

/* Renders a long Vietnamese certificate, decodes its QR code with zbarimg and verifies the decoded token. */
static void test_render_qr_decodes(const unsigned char pk[32], const unsigned char sk[64])
{
	char dir[] = "/tmp/test_cert_qr.XXXXXX";
	char path[64];
	char command[160];
	char decoded[4096];
	struct cert_claims claims;
	struct cert_claims verified;
	unsigned char *png = NULL;
	size_t png_len = 0;
	size_t decoded_len;
	char *url = NULL;
	FILE *file;

	if (!zbarimg_available()) {
		printf("cert: zbarimg not on PATH, QR decoding check skipped\n");
		return;
	}
	claims_set(&claims, "KHOA-2026-000123", "2026-12-04", LONG_HOLDER, LONG_COURSE);
	CHECK(certificate_render(&png, &png_len, &url, &claims, sk) == 0);
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/cert.png", dir);
	file = fopen(path, "wb");
	CHECK(file != NULL);
	if (file == NULL || png == NULL || url == NULL)
		goto cleanup;
	CHECK(fwrite(png, 1, png_len, file) == png_len);
	fclose(file);

	snprintf(command, sizeof command, "zbarimg --raw -q '%s' 2>/dev/null", path);
	file = popen(command, "r");
	CHECK(file != NULL);
	if (file == NULL)
		goto cleanup;
	decoded_len = fread(decoded, 1, sizeof decoded - 1, file);
	CHECK(pclose(file) == 0);
	decoded[decoded_len] = '\0';
	if (decoded_len > 0 && decoded[decoded_len - 1] == '\n')
		decoded[--decoded_len] = '\0';
	CHECK_STR(decoded, url);

	/* The token read back from the image verifies offline with the public key alone. */
	if (strncmp(decoded, URL_PREFIX, sizeof URL_PREFIX - 1) == 0) {
		const char *token = decoded + sizeof URL_PREFIX - 1;

		CHECK(cert_token_verify(&verified, token, strlen(token), pk) == 0);
		CHECK_STR(verified.holder, LONG_HOLDER);
		CHECK_STR(verified.course, LONG_COURSE);
	}

cleanup:
	unlink(path);
	rmdir(dir);
	free(png);
	free(url);
}

static void test_dates(void)
{
	char out[11];

	CHECK(cert_date_display(out, "2026-12-04") == 0);
	CHECK_STR(out, "04/12/2026");
	CHECK(cert_date_display(out, "2026-12-32") == CERT_EINVAL);
	CHECK_STR(out, "");

	/* 2026-12-03T17:00:00Z is midnight of 4 December in Vietnam (UTC+07:00). */
	CHECK(cert_date_today(out, (time_t)1796317200) == 0);
	CHECK_STR(out, "2026-12-04");
	CHECK(cert_date_today(out, (time_t)1796317199) == 0);
	CHECK_STR(out, "2026-12-03");
	CHECK(cert_date_today(out, (time_t)0) == 0);
	CHECK_STR(out, "1970-01-01");
}

static void test_upper_vietnamese(void)
{
	char *upper = NULL;

	CHECK(cert_utf8_upper(&upper, ISSUER) == 0);
	CHECK_STR(upper, "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH MẪU");
	free(upper);
	CHECK(cert_utf8_upper(&upper, "đặng hữu phước ơ ư ă ĩ ũ ỹ à") == 0);
	CHECK_STR(upper, "ĐẶNG HỮU PHƯỚC Ơ Ư Ă Ĩ Ũ Ỹ À");
	free(upper);
	CHECK(cert_utf8_upper(&upper, "a\xC3") == CERT_EINVAL);
	CHECK(upper == NULL);
}

static void test_strerror(void)
{
	int code;

	for (code = CERT_EQR; code <= CERT_OK; code++) {
		CHECK(cert_strerror(code) != NULL);
		CHECK(strcmp(cert_strerror(code), cert_strerror(-100)) != 0);
	}
}

int main(void)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];

	if (sodium_init() < 0) {
		fprintf(stderr, "cert: sodium_init failed\n");
		return 1;
	}
	crypto_sign_keypair(pk, sk);

	test_token_round_trip(pk, sk);
	test_token_single_character_changes(pk, sk);
	test_token_malformed(pk, sk);
	test_token_signed_bad_payload(pk, sk);
	test_token_sign_rejects(sk);
	test_token_wrong_public_key(sk);
	test_key_files();
	test_render_png_header(sk);
	test_render_rejects();
	test_render_qr_geometry(sk);
	test_render_qr_decodes(pk, sk);
	test_dates();
	test_upper_vietnamese();
	test_strerror();
	return check_summary("cert");
}
