/* markdown.c - cmark-gfm parsing, link rewriting and HTML rendering. */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "err.h"
#include "markdown.h"

#define MD_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES)

static const char *const md_extensions[] = {"table", "strikethrough", "autolink", "tasklist"};

int md_parse(struct md_doc *doc, const char *src, size_t len, int first_line)
{
	size_t i;

	memset(doc, 0, sizeof(*doc));
	cmark_gfm_core_extensions_ensure_registered();
	if ((doc->parser = cmark_parser_new(MD_OPTIONS)) == NULL)
		return K_ENOMEM;
	for (i = 0; i < sizeof(md_extensions) / sizeof(md_extensions[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(md_extensions[i]);

		if (ext)
			cmark_parser_attach_syntax_extension(doc->parser, ext);
	}
	cmark_parser_feed(doc->parser, src, len);
	if ((doc->root = cmark_parser_finish(doc->parser)) == NULL) {
		md_free(doc);
		return K_ENOMEM;
	}
	doc->first_line = first_line;
	return K_OK;
}

int md_line(const struct md_doc *doc, cmark_node *node)
{
	return doc->first_line - 1 + cmark_node_get_start_line(node);
}

void md_rewrite_links(struct md_doc *doc, md_resolve_fn resolve, void *ctx)
{
	cmark_iter *iter = cmark_iter_new(doc->root);
	struct buf url = BUF_INIT;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);
		const char *old;

		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
			continue;
		old = cmark_node_get_url(node);
		if (old == NULL || *old == '\0')
			continue;
		buf_clear(&url);
		if (resolve(ctx, old, type == CMARK_NODE_IMAGE, md_line(doc, node), &url) == 1)
			cmark_node_set_url(node, buf_cstr(&url));
	}
	cmark_iter_free(iter);
	buf_free(&url);
}

int md_render_node(struct buf *out, const struct md_doc *doc, cmark_node *node)
{
	char *html = cmark_render_html(node, MD_OPTIONS, cmark_parser_get_syntax_extensions(doc->parser));
	int rc;

	if (html == NULL)
		return K_ENOMEM;
	rc = buf_puts(out, html);
	free(html);
	return rc;
}

int md_render_children(struct buf *out, const struct md_doc *doc, cmark_node *node)
{
	struct buf part = BUF_INIT;
	const char *s, *open_end, *close;
	int rc;

	/* Render the whole block and cut its own opening and closing tags:
	 * cmark-gfm renders only nodes that belong to a document. */
	if ((rc = md_render_node(&part, doc, node)) < 0)
		goto cleanup;
	s = buf_cstr(&part);
	open_end = strchr(s, '>');
	close = strrchr(s, '<');
	if (s[0] != '<' || open_end == NULL || close == NULL || close <= open_end) {
		rc = buf_append(out, s, part.len);
		goto cleanup;
	}
	rc = buf_append(out, open_end + 1, (size_t)(close - open_end - 1));

cleanup:
	buf_free(&part);
	return rc;
}

void md_free(struct md_doc *doc)
{
	if (doc->root)
		cmark_node_free(doc->root);
	if (doc->parser)
		cmark_parser_free(doc->parser);
	memset(doc, 0, sizeof(*doc));
}

int md_to_html(struct buf *out, const char *src, size_t len, int first_line,
	       md_resolve_fn resolve, void *ctx)
{
	struct md_doc doc;
	int rc;

	if ((rc = md_parse(&doc, src, len, first_line)) < 0)
		return rc;
	if (resolve)
		md_rewrite_links(&doc, resolve, ctx);
	rc = md_render_node(out, &doc, doc.root);
	md_free(&doc);
	return rc;
}
