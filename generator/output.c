/* output.c - files and folders of the generated site. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "log.h"
#include "output.h"

int output_mkdirs(const char *dir)
{
	char path[4096];
	size_t n = strlen(dir);
	char *p;

	if (n == 0 || n >= sizeof(path))
		return K_EINVAL;
	memcpy(path, dir, n + 1);
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return K_EIO;
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return K_EIO;
	return K_OK;
}

int output_write(const char *root, const char *relpath, const void *data, size_t len)
{
	struct buf path = BUF_INIT;
	char *slash;
	FILE *f = NULL;
	int rc;

	if ((rc = buf_printf(&path, "%s/%s", root, relpath)) < 0)
		goto cleanup;
	slash = strrchr(path.data, '/');
	*slash = '\0';
	if ((rc = output_mkdirs(path.data)) < 0) {
		log_error("%s: cannot create the folder: %s", path.data, strerror(errno));
		goto cleanup;
	}
	*slash = '/';

	rc = K_EIO;
	if ((f = fopen(path.data, "wb")) == NULL ||
	    (len > 0 && fwrite(data, 1, len, f) != len)) {
		log_error("%s: cannot write: %s", path.data, strerror(errno));
		goto cleanup;
	}
	if (fclose(f) != 0) {
		f = NULL;
		log_error("%s: cannot write: %s", path.data, strerror(errno));
		goto cleanup;
	}
	f = NULL;
	rc = K_OK;

cleanup:
	if (f)
		fclose(f);
	buf_free(&path);
	return rc;
}

/* nftw has no user pointer, so the copy's state lives here for one call. */
static struct {
	const char *root, *prefix;
	size_t src_len;
	int rc;
} copy_state;

static int copy_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	struct buf data = BUF_INIT, rel = BUF_INIT;

	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	buf_printf(&rel, "%s%s", copy_state.prefix, path + copy_state.src_len);
	if (buf_read_file(&data, path) < 0 ||
	    output_write(copy_state.root, rel.data, data.data, data.len) < 0)
		copy_state.rc = K_EIO;
	buf_free(&data);
	buf_free(&rel);
	return copy_state.rc < 0 ? 1 : 0;
}

int output_copy_tree(const char *root, const char *dest_prefix, const char *src)
{
	copy_state.root = root;
	copy_state.prefix = dest_prefix;
	copy_state.src_len = strlen(src);
	copy_state.rc = K_OK;
	if (nftw(src, copy_one, 16, FTW_PHYS) != 0 && copy_state.rc == K_OK)
		copy_state.rc = K_EIO;
	return copy_state.rc;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (type == FTW_DP ? rmdir(path) : unlink(path)) < 0 ? -1 : 0;
}

int output_remove_tree(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) < 0)
		return errno == ENOENT ? K_OK : K_EIO;
	return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? K_OK : K_EIO;
}

/* Returns the folder that the symbolic link `link` points to, resolved
 * against the link's own folder, in out; "" when link is not a symlink. */
static void link_target(struct buf *out, const char *link)
{
	char target[4096];
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	const char *slash;

	buf_clear(out);
	if (n <= 0)
		return;
	target[n] = '\0';
	slash = strrchr(link, '/');
	if (target[0] != '/' && slash)
		buf_append(out, link, (size_t)(slash - link + 1));
	buf_puts(out, target);
}

/* Moves a real folder at final (left by an older build) out of the way, so
 * that a symlink can take its place. */
static int move_folder_aside(const char *final, struct buf *old)
{
	struct stat st;

	if (lstat(final, &st) < 0 || !S_ISDIR(st.st_mode))
		return K_OK;
	buf_clear(old);
	buf_printf(old, "%s.old.%ld", final, (long)getpid());
	if (rename(final, old->data) < 0) {
		log_error("%s: cannot move the old site aside: %s", final, strerror(errno));
		return K_EIO;
	}
	return K_OK;
}

int output_swap(const char *fresh, const char *final)
{
	struct buf version = BUF_INIT, link = BUF_INIT, old = BUF_INIT;
	const char *base;
	int rc = K_EIO;

	/* The site is a symlink to a versioned folder beside it. Replacing the
	 * link with rename() is atomic, so every request sees either the old
	 * site or the new one, never a missing or half-written one. */
	buf_printf(&version, "%s.%ld-%ld", final, (long)time(NULL), (long)getpid());
	buf_printf(&link, "%s.link.%ld", final, (long)getpid());
	base = strrchr(version.data, '/');
	base = base ? base + 1 : version.data;

	if (rename(fresh, version.data) < 0 || symlink(base, link.data) < 0) {
		log_error("%s: cannot prepare the new site: %s", version.data, strerror(errno));
		goto cleanup;
	}
	link_target(&old, final);
	if (move_folder_aside(final, &old) < 0)
		goto cleanup;
	if (rename(link.data, final) < 0) {
		log_error("%s: cannot switch to the new site: %s", final, strerror(errno));
		goto cleanup;
	}
	if (old.len > 0 && strcmp(old.data, version.data) != 0)
		output_remove_tree(old.data);
	rc = K_OK;

cleanup:
	if (rc < 0) {
		unlink(link.data);
		output_remove_tree(version.data);
	}
	buf_free(&version);
	buf_free(&link);
	buf_free(&old);
	return rc;
}
