/* lint.c - spot foreign Markdown dialects line by line. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "lint.h"

/* Returns the fence character when the line opens or closes a fenced code
 * block ("```" or "~~~" after up to three spaces), else 0. */
static char fence_of(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && line[i] == ' ')
		i++;
	if (i + 3 <= n && (line[i] == '`' || line[i] == '~') &&
	    line[i + 1] == line[i] && line[i + 2] == line[i])
		return line[i];
	return 0;
}

/* Skips block-quote markers and spaces at the start of a line. */
static const char *skip_quote(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
		s++;
	return s;
}

/* Returns 1 when s starts an HTML tag ("<div>", "</p", "<br/"), not an
 * autolink such as "<https://example.org>". */
static int html_tag_at(const char *s, const char *end)
{
	const char *p = s + 1;

	if (end - s < 3 || s[0] != '<')
		return 0;
	if (*p == '/')
		p++;
	if (p == end || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			   (*p >= '0' && *p <= '9')))
		p++;
	return p < end && (*p == '>' || *p == ' ' || *p == '/');
}

static void lint_line(const char *path, const char *line, size_t n, int line_no, struct diag *diag)
{
	const char *end = line + n, *s = skip_quote(line, end);

	if (end - s >= 2 && s[0] == '{' && s[1] == ':' && memchr(s, '}', (size_t)(end - s)))
		diag_warn(diag, path, line_no, "kramdown attribute lists such as \"{: .class}\" are "
			  "not supported and will be shown as text; remove the line");
	else if (n >= 2 && memmem(line, n, "{%", 2) != NULL)
		diag_warn(diag, path, line_no, "Liquid tags such as \"{%% include %%}\" are not "
			  "supported and will be shown as text; remove them");
	else if (html_tag_at(s, end))
		diag_warn(diag, path, line_no, "raw HTML is not shown on the page; write it in "
			  "Markdown instead");
}

void lint_markdown(const char *path, const char *body, size_t len, int first_line, struct diag *diag)
{
	const char *p = body, *end = body + len;
	char open_fence = 0;
	int line_no = first_line;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char fence = fence_of(p, n);

		if (open_fence == 0 && fence != 0)
			open_fence = fence;
		else if (open_fence != 0 && fence == open_fence)
			open_fence = 0;
		else if (open_fence == 0)
			lint_line(path, p, n, line_no, diag);
		p = nl ? nl + 1 : end;
		line_no++;
	}
}
