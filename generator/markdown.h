/* markdown.h - GitHub Flavored Markdown to HTML with cmark-gfm.
 *
 * Raw HTML in the source is not rendered (cmark-gfm's safe default), and
 * unsafe URL schemes such as javascript: are dropped. */
#ifndef KHOA_MARKDOWN_H
#define KHOA_MARKDOWN_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"

/* Rewrites one link or image URL. Returns 1 with the new URL in out, 0 to
 * keep the URL. line is the file line of the link. */
typedef int (*md_resolve_fn)(void *ctx, const char *url, int is_image, int line, struct buf *out);

struct md_doc {
	cmark_parser *parser;
	cmark_node *root;
	int first_line;   /* file line of the first source line */
};

/* Parses src[0..len) with the table, strikethrough, autolink and tasklist
 * extensions. Returns K_ENOMEM. */
int md_parse(struct md_doc *doc, const char *src, size_t len, int first_line);

/* Calls resolve for every link and image URL of the tree below node. */
void md_rewrite_links(struct md_doc *doc, md_resolve_fn resolve, void *ctx);

/* Appends the HTML of node and its children. */
int md_render_node(struct buf *out, const struct md_doc *doc, cmark_node *node);

/* Appends the HTML of the children of node, without node's own tags (for a
 * heading or a paragraph used inline). */
int md_render_children(struct buf *out, const struct md_doc *doc, cmark_node *node);

/* Returns the file line where node starts. */
int md_line(const struct md_doc *doc, cmark_node *node);

void md_free(struct md_doc *doc);

/* Parses, rewrites links and renders a whole document in one call. */
int md_to_html(struct buf *out, const char *src, size_t len, int first_line,
	       md_resolve_fn resolve, void *ctx);

#endif
