/* resolve.c - repository paths to site URLs. */
#include <string.h>

#include "content.h"
#include "err.h"
#include "resolve.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int resolve_file_slug(char *out, size_t size, const char *repo_path)
{
	const char *base = strrchr(repo_path, '/');
	size_t n;

	base = base ? base + 1 : repo_path;
	n = strlen(base);
	if (ends_with(base, ".quiz.md"))
		n -= 8;
	else if (ends_with(base, ".md"))
		n -= 3;
	{
		const char *p = base;

		while (p < base + n && *p >= '0' && *p <= '9')
			p++;
		if (p > base && p < base + n && (*p == '-' || *p == '_')) {
			n -= (size_t)(p + 1 - base);
			base = p + 1;
		}
	}
	if (n == 0 || n >= size)
		return K_EINVAL;
	for (size_t i = 0; i < n; i++) {
		char c = base[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return K_EINVAL;
	}
	memcpy(out, base, n);
	out[n] = '\0';
	return K_OK;
}

/* Splits "courses/<slug>/<rest>" into slug and rest; 0 when not of that form. */
static int split_course_path(const char *path, char *slug, size_t size, const char **rest)
{
	const char *p, *slash;

	if (strncmp(path, "courses/", 8) != 0)
		return 0;
	p = path + 8;
	slash = strchr(p, '/');
	if (slash == NULL || slash == p || (size_t)(slash - p) >= size)
		return 0;
	memcpy(slug, p, (size_t)(slash - p));
	slug[slash - p] = '\0';
	*rest = slash + 1;
	return 1;
}

int resolve_page_url(struct buf *out, const char *repo_path)
{
	char course[CONTENT_SLUG_MAX], slug[CONTENT_SLUG_MAX];
	const char *rest;

	if (strncmp(repo_path, "pages/", 6) == 0 && strchr(repo_path + 6, '/') == NULL &&
	    resolve_file_slug(slug, sizeof(slug), repo_path) == K_OK)
		return buf_printf(out, "/trang/%s/", slug);
	if (!split_course_path(repo_path, course, sizeof(course), &rest) || strchr(rest, '/'))
		return K_ENOTFOUND;
	if (strcmp(rest, "course.md") == 0)
		return buf_printf(out, "/khoa-hoc/%s/", course);
	if (ends_with(rest, ".md") && resolve_file_slug(slug, sizeof(slug), rest) == K_OK)
		return buf_printf(out, "/khoa-hoc/%s/%s/", course, slug);
	return K_ENOTFOUND;
}

int content_site_path(struct buf *out, const char *repo_path)
{
	if (strncmp(repo_path, "assets/", 7) == 0)
		return buf_puts(out, repo_path);
	if (strncmp(repo_path, "courses/", 8) == 0 && !ends_with(repo_path, ".md"))
		return buf_printf(out, "khoa-hoc/%s", repo_path + 8);
	return K_ENOTFOUND;
}

int resolve_repo_path(struct buf *out, const char *from, const char *relative)
{
	const char *slash = strrchr(from, '/'), *p = relative;

	buf_clear(out);
	if (slash)
		buf_append(out, from, (size_t)(slash - from));
	while (*p) {
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);

		if (n == 2 && strncmp(p, "..", 2) == 0) {
			char *up;

			if (out->len == 0)
				return K_EINVAL;
			up = strrchr(out->data, '/');
			out->len = up ? (size_t)(up - out->data) : 0;
			out->data[out->len] = '\0';
		} else if (n > 0 && !(n == 1 && *p == '.')) {
			if (out->len > 0)
				buf_putc(out, '/');
			buf_append(out, p, n);
		}
		p = end ? end + 1 : p + n;
	}
	return out->len > 0 ? K_OK : K_EINVAL;
}

static int has_scheme(const char *url)
{
	for (const char *p = url; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 1;
	return 0;
}

int resolve_link(void *ctx, const char *url, int is_image, int line, struct buf *out)
{
	struct resolver *r = ctx;
	struct buf path = BUF_INIT;
	size_t n = strcspn(url, "?#");
	char target[1024];
	int rc = 0;

	(void)is_image;
	if (has_scheme(url) || url[0] == '/' || url[0] == '#' || n == 0 || n >= sizeof(target))
		return 0;
	memcpy(target, url, n);
	target[n] = '\0';

	if (resolve_repo_path(&path, r->path, target) < 0 || source_find(r->src, path.data) == NULL) {
		diag_warn(r->diag, r->path, line, "the link target \"%s\" is not in the repository", target);
		goto cleanup;
	}
	if (ends_with(path.data, ".md")) {
		if (resolve_page_url(out, path.data) < 0) {
			diag_warn(r->diag, r->path, line, "the link target \"%s\" is not a published page", target);
			goto cleanup;
		}
	} else {
		buf_putc(out, '/');
		if (content_site_path(out, path.data) < 0) {
			diag_warn(r->diag, r->path, line, "the file \"%s\" is not published; "
				  "put it under assets/ or a course folder", target);
			goto cleanup;
		}
	}
	buf_puts(out, url + n);
	rc = 1;

cleanup:
	buf_free(&path);
	return rc;
}
