/* resolve.h - rewrite relative links in Markdown into site URLs. */
#ifndef KHOA_RESOLVE_H
#define KHOA_RESOLVE_H

#include "buf.h"
#include "diag.h"
#include "source.h"

struct resolver {
	const struct source *src;
	const char *path;     /* the Markdown file being rendered */
	struct diag *diag;
};

/* An md_resolve_fn: links to other Markdown files become their page URL,
 * links to other files their copied URL. A relative link to a file that is
 * not in the commit is reported as a warning and left unchanged. Absolute
 * URLs, fragments and root paths are kept. ctx is a struct resolver. */
int resolve_link(void *ctx, const char *url, int is_image, int line, struct buf *out);

/* Resolves `relative` against the folder of `from` into a repository path
 * in out ("../a/./b" handled). Returns K_EINVAL when it leaves the root. */
int resolve_repo_path(struct buf *out, const char *from, const char *relative);

/* Writes the page URL of a Markdown file ("/khoa-hoc/c/lesson/"), or returns
 * K_ENOTFOUND for a path that is not a course, lesson, test or page. */
int resolve_page_url(struct buf *out, const char *repo_path);

/* Derives the URL slug of a lesson or test file name: the base name without
 * ".md" or ".quiz.md" and without a leading "NN-" order number. */
int resolve_file_slug(char *out, size_t size, const char *repo_path);

#endif
