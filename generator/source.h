/* source.h - the content files of one git commit, read through libgit2
 * straight from the object database (a bare repository is enough). */
#ifndef KHOA_SOURCE_H
#define KHOA_SOURCE_H

#include <stddef.h>

#include <git2.h>

#include "buf.h"

struct source_file {
	char *path;      /* repository path, "courses/ai-co-ban/course.md" */
	git_oid oid;     /* blob id: also the content hash */
	size_t size;
};

struct source {
	git_repository *repo;
	char commit_id[GIT_OID_HEXSZ + 1];
	struct source_file *files;   /* sorted by path */
	size_t count;
};

/* Opens repo_path and lists the blobs of the tree of `rev` (e.g. "HEAD").
 * Returns K_ENOTFOUND or K_EIO with a message in errors. */
int source_open(struct source *s, const char *repo_path, const char *rev, struct buf *errors);

/* Returns the file at path, or NULL. */
const struct source_file *source_find(const struct source *s, const char *path);

/* Appends the blob's bytes to out. */
int source_read(const struct source *s, const struct source_file *f, struct buf *out);

void source_close(struct source *s);

#endif
