/* cert_key.c - Ed25519 signing key files: creation without overwrite, strict hex loading. */
#include "cert.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Key files are one hex line; anything longer than this is not a key file. */
#define KEY_FILE_MAX 256

/* Stores in *out a malloc'd "dir/name".  Returns 0, CERT_EINVAL or CERT_ENOMEM. */
static int path_join(char **out, const char *dir, const char *name)
{
	size_t dir_len;
	size_t size;
	char *path;

	*out = NULL;
	if (dir == NULL || dir[0] == '\0')
		return CERT_EINVAL;
	dir_len = strlen(dir);
	size = dir_len + 1 + strlen(name) + 1;
	path = malloc(size);
	if (path == NULL)
		return CERT_ENOMEM;
	snprintf(path, size, "%s/%s", dir, name);
	*out = path;
	return 0;
}

/* Writes all len bytes to fd, retrying short writes and EINTR.  Returns 0 or -1. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Creates path exclusively with the given mode (independent of the umask),
 * writes the text and syncs it.  Fails if path exists, including as a
 * symbolic link.  On a failure after creation the file is removed again.
 */
static int file_create_exclusive(const char *path, const char *text, mode_t mode)
{
	int fd;
	int err = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return CERT_EIO;
	if (fchmod(fd, mode) != 0 || write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0)
		err = CERT_EIO;
	if (close(fd) != 0)
		err = CERT_EIO;
	if (err != 0)
		unlink(path);
	return err;
}

/* Creates dir with mode 0700 (whatever the umask) unless it already exists; an existing dir keeps its mode. */
static int directory_ensure(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return chmod(dir, 0700) == 0 ? 0 : CERT_EIO;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return CERT_EIO;
}

int cert_key_create(const char *dir)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char sk[crypto_sign_SECRETKEYBYTES];
	char sk_hex[crypto_sign_SECRETKEYBYTES * 2 + 2];
	char pk_hex[crypto_sign_PUBLICKEYBYTES * 2 + 2];
	char *sk_path = NULL;
	char *pk_path = NULL;
	int err;

	err = path_join(&sk_path, dir, CERT_KEY_SECRET_FILE);
	if (err != 0)
		goto cleanup;
	err = path_join(&pk_path, dir, CERT_KEY_PUBLIC_FILE);
	if (err != 0)
		goto cleanup;
	if (sodium_init() < 0) {
		err = CERT_EIO;
		goto cleanup;
	}
	err = directory_ensure(dir);
	if (err != 0)
		goto cleanup;

	/* Refuse early when the public file exists, so no secret is written for nothing. */
	if (access(pk_path, F_OK) == 0 || errno != ENOENT) {
		err = CERT_EIO;
		goto cleanup;
	}

	crypto_sign_keypair(pk, sk);
	sodium_bin2hex(sk_hex, sizeof sk_hex - 1, sk, sizeof sk);
	strcat(sk_hex, "\n");
	sodium_bin2hex(pk_hex, sizeof pk_hex - 1, pk, sizeof pk);
	strcat(pk_hex, "\n");

	err = file_create_exclusive(sk_path, sk_hex, 0600);
	if (err != 0)
		goto cleanup;
	err = file_create_exclusive(pk_path, pk_hex, 0644);
	if (err != 0)
		unlink(sk_path); /* this call created it just above, so removing it loses nothing */

cleanup:
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(sk_hex, sizeof sk_hex);
	free(sk_path);
	free(pk_path);
	return err;
}

/*
 * Reads the one-line hex file dir/name into bin of exactly bin_len bytes.
 * Trailing white space is allowed; anything else but bin_len * 2 hex digits
 * is rejected with CERT_EIO.
 */
static int key_file_read(unsigned char *bin, size_t bin_len, const char *dir, const char *name)
{
	char text[KEY_FILE_MAX + 1];
	char *path = NULL;
	size_t text_len = 0;
	size_t decoded_len = 0;
	ssize_t n;
	int fd = -1;
	int err;

	memset(bin, 0, bin_len);
	err = path_join(&path, dir, name);
	if (err != 0)
		goto cleanup;
	if (sodium_init() < 0) {
		err = CERT_EIO;
		goto cleanup;
	}

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = CERT_EIO;
		goto cleanup;
	}
	while (text_len < sizeof text) {
		n = read(fd, text + text_len, sizeof text - text_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = CERT_EIO;
			goto cleanup;
		}
		if (n == 0)
			break;
		text_len += (size_t)n;
	}
	if (text_len > KEY_FILE_MAX) {
		err = CERT_EIO;
		goto cleanup;
	}
	while (text_len > 0 && (text[text_len - 1] == '\n' || text[text_len - 1] == '\r' ||
				text[text_len - 1] == ' ' || text[text_len - 1] == '\t'))
		text_len--;

	/* With hex_end NULL, libsodium fails unless every character is a hex digit. */
	if (text_len != bin_len * 2 ||
	    sodium_hex2bin(bin, bin_len, text, text_len, NULL, &decoded_len, NULL) != 0 ||
	    decoded_len != bin_len) {
		err = CERT_EIO;
		goto cleanup;
	}

cleanup:
	if (err != 0)
		memset(bin, 0, bin_len);
	if (fd >= 0)
		close(fd);
	sodium_memzero(text, sizeof text);
	free(path);
	return err;
}

int cert_key_load_secret(unsigned char sk[64], const char *dir)
{
	unsigned char derived_pk[crypto_sign_PUBLICKEYBYTES];
	unsigned char derived_sk[crypto_sign_SECRETKEYBYTES];
	int err;

	if (sk == NULL)
		return CERT_EINVAL;
	err = key_file_read(sk, crypto_sign_SECRETKEYBYTES, dir, CERT_KEY_SECRET_FILE);
	if (err != 0)
		return err;

	/* libsodium's secret key is seed || public key: a corrupted half no longer matches. */
	crypto_sign_seed_keypair(derived_pk, derived_sk, sk);
	if (sodium_memcmp(derived_sk, sk, sizeof derived_sk) != 0)
		err = CERT_EIO;
	sodium_memzero(derived_sk, sizeof derived_sk);
	if (err != 0)
		sodium_memzero(sk, crypto_sign_SECRETKEYBYTES);
	return err;
}

int cert_key_load_public(unsigned char pk[32], const char *dir)
{
	if (pk == NULL)
		return CERT_EINVAL;
	return key_file_read(pk, crypto_sign_PUBLICKEYBYTES, dir, CERT_KEY_PUBLIC_FILE);
}
