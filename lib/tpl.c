/* tpl.c - compile and render the Mustache subset described in tpl.h.
 *
 * A template compiles to a flat array of nodes. A section node stores the
 * index just past its closing tag, so its body is nodes (i, end) and rendering
 * needs no tree. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "tpl.h"

#define TPL_MAX_DEPTH 32
#define TPL_MAX_NAME 128

enum node_kind { NODE_TEXT, NODE_VAR, NODE_RAW, NODE_SECTION, NODE_INVERTED, NODE_PARTIAL };

struct node {
	enum node_kind kind;
	const char *text;   /* NODE_TEXT: points into the template's source copy */
	size_t len;
	char name[TPL_MAX_NAME];
	size_t end;         /* sections: index of the node after the closing tag */
};

struct template {
	char *name;
	char *source;       /* owned copy that NODE_TEXT nodes point into */
	struct node *nodes;
	size_t count;
};

struct tpl_set {
	struct template *items;
	size_t count;
};

struct render_state {
	const struct tpl_set *set;
	struct buf *out;
	json_t *stack[TPL_MAX_DEPTH];
	int depth;
};

static void template_clear(struct template *t)
{
	free(t->name);
	free(t->source);
	free(t->nodes);
	memset(t, 0, sizeof(*t));
}

int tpl_set_new(struct tpl_set **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? K_OK : K_ENOMEM;
}

void tpl_set_free(struct tpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->count; i++)
		template_clear(&set->items[i]);
	free(set->items);
	free(set);
}

static const struct template *set_find(const struct tpl_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		if (strcmp(set->items[i].name, name) == 0)
			return &set->items[i];
	return NULL;
}

int tpl_set_has(const struct tpl_set *set, const char *name)
{
	return set_find(set, name) != NULL;
}

/* --- compiling --- */

struct compiler {
	struct template *t;
	size_t cap;
	const char *origin;
	struct buf *errors;
	size_t open[TPL_MAX_DEPTH]; /* indexes of open section nodes */
	int nopen;
};

static int line_of(const char *src, const char *at)
{
	int line = 1;

	for (; src < at; src++)
		if (*src == '\n')
			line++;
	return line;
}

static int compile_error(struct compiler *c, const char *at, const char *msg,
			 const char *name)
{
	if (c->errors)
		buf_printf(c->errors, "%s:%d: %s%s%s\n", c->origin,
			   line_of(c->t->source, at), msg, name ? ": " : "",
			   name ? name : "");
	return K_EPARSE;
}

static struct node *push_node(struct compiler *c, enum node_kind kind)
{
	struct node *n;

	if (c->t->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct node *nodes = realloc(c->t->nodes, cap * sizeof(*nodes));

		if (nodes == NULL)
			return NULL;
		c->t->nodes = nodes;
		c->cap = cap;
	}
	n = &c->t->nodes[c->t->count++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	return n;
}

/* Copies the tag's name, trimmed of spaces, and checks its characters. */
static int tag_name(char *out, const char *s, size_t len)
{
	while (len > 0 && *s == ' ')
		s++, len--;
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len == 0 || len >= TPL_MAX_NAME)
		return K_EINVAL;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '-'))
			return K_EINVAL;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return K_OK;
}

/* Compiles one tag whose inside (between the braces) is s[0..len). */
static int compile_tag(struct compiler *c, const char *at, const char *s,
		       size_t len, int triple)
{
	enum node_kind kind = triple ? NODE_RAW : NODE_VAR;
	char name[TPL_MAX_NAME];
	struct node *n;

	if (!triple && len > 0) {
		switch (s[0]) {
		case '!': return K_OK;
		case '#': kind = NODE_SECTION; s++, len--; break;
		case '^': kind = NODE_INVERTED; s++, len--; break;
		case '>': kind = NODE_PARTIAL; s++, len--; break;
		case '&': kind = NODE_RAW; s++, len--; break;
		case '/':
			if (tag_name(name, s + 1, len - 1) < 0)
				return compile_error(c, at, "invalid tag name", NULL);
			if (c->nopen == 0)
				return compile_error(c, at, "closing tag without an open section", name);
			n = &c->t->nodes[c->open[--c->nopen]];
			if (strcmp(n->name, name) != 0)
				return compile_error(c, at, "closing tag does not match the open section", n->name);
			n->end = c->t->count;
			return K_OK;
		}
	}

	if (tag_name(name, s, len) < 0)
		return compile_error(c, at, "invalid tag name", NULL);
	if ((n = push_node(c, kind)) == NULL)
		return K_ENOMEM;
	memcpy(n->name, name, sizeof(name));
	if (kind == NODE_SECTION || kind == NODE_INVERTED) {
		if (c->nopen == TPL_MAX_DEPTH)
			return compile_error(c, at, "sections nested too deeply", name);
		c->open[c->nopen++] = c->t->count - 1;
	}
	return K_OK;
}

static int compile(struct compiler *c)
{
	const char *p = c->t->source, *open, *close;
	struct node *n;
	int rc, triple;

	while (*p) {
		open = strstr(p, "{{");
		if (open != p) {
			if ((n = push_node(c, NODE_TEXT)) == NULL)
				return K_ENOMEM;
			n->text = p;
			n->len = open ? (size_t)(open - p) : strlen(p);
			if (open == NULL)
				break;
		}

		triple = open[2] == '{';
		close = strstr(open + 2 + triple, triple ? "}}}" : "}}");
		if (close == NULL)
			return compile_error(c, open, "tag is not closed", NULL);
		rc = compile_tag(c, open, open + 2 + triple,
				 (size_t)(close - open - 2 - triple), triple);
		if (rc < 0)
			return rc;
		p = close + 2 + triple;
	}

	if (c->nopen > 0)
		return compile_error(c, c->t->source + strlen(c->t->source),
				     "section is not closed",
				     c->t->nodes[c->open[c->nopen - 1]].name);
	return K_OK;
}

int tpl_set_add(struct tpl_set *set, const char *name, const char *origin,
		const char *src, size_t len, struct buf *errors)
{
	struct template t = {0};
	struct compiler c = {0};
	struct template *slot;
	int rc = K_ENOMEM;

	t.name = strdup(name);
	t.source = malloc(len + 1);
	if (t.name == NULL || t.source == NULL)
		goto cleanup;
	memcpy(t.source, src, len);
	t.source[len] = '\0';
	if (memchr(src, '\0', len) != NULL) {
		rc = K_EINVAL;
		goto cleanup;
	}

	c.t = &t;
	c.origin = origin ? origin : name;
	c.errors = errors;
	if ((rc = compile(&c)) < 0)
		goto cleanup;

	slot = (struct template *)set_find(set, name);
	if (slot == NULL) {
		struct template *items = realloc(set->items, (set->count + 1) * sizeof(*items));

		if (items == NULL) {
			rc = K_ENOMEM;
			goto cleanup;
		}
		set->items = items;
		slot = &set->items[set->count++];
	} else {
		template_clear(slot);
	}
	*slot = t;
	return K_OK;

cleanup:
	template_clear(&t);
	return rc;
}

int tpl_set_load_dir(struct tpl_set **out, const char *dir, struct buf *errors)
{
	struct tpl_set *set = NULL;
	struct buf path = BUF_INIT, src = BUF_INIT;
	struct dirent *entry;
	DIR *d = NULL;
	int rc, first = K_OK;

	*out = NULL;
	if ((rc = tpl_set_new(&set)) < 0)
		return rc;
	if ((d = opendir(dir)) == NULL) {
		if (errors)
			buf_printf(errors, "%s: cannot open the template folder\n", dir);
		rc = K_EIO;
		goto cleanup;
	}

	while ((entry = readdir(d)) != NULL) {
		size_t n = strlen(entry->d_name);
		char name[TPL_MAX_NAME];

		if (n <= 5 || n - 5 >= sizeof(name) ||
		    strcmp(entry->d_name + n - 5, ".html") != 0)
			continue;
		memcpy(name, entry->d_name, n - 5);
		name[n - 5] = '\0';

		buf_clear(&path);
		buf_clear(&src);
		if ((rc = buf_printf(&path, "%s/%s", dir, entry->d_name)) < 0)
			goto cleanup;
		rc = buf_read_file(&src, path.data);
		if (rc == K_OK)
			rc = tpl_set_add(set, name, path.data, buf_cstr(&src), src.len, errors);
		else if (errors)
			buf_printf(errors, "%s: cannot read the template\n", path.data);
		if (rc < 0 && first == K_OK)
			first = rc;
	}
	rc = first;

cleanup:
	if (d)
		closedir(d);
	buf_free(&path);
	buf_free(&src);
	if (rc < 0)
		tpl_set_free(set);
	else
		*out = set;
	return rc;
}

/* --- rendering --- */

/* Walks a dotted path inside one value; returns NULL when any step is missing. */
static json_t *lookup_path(json_t *v, const char *path)
{
	char part[TPL_MAX_NAME];
	const char *dot;

	while (v && *path) {
		size_t n;

		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		memcpy(part, path, n);
		part[n] = '\0';
		v = json_is_object(v) ? json_object_get(v, part) : NULL;
		path = dot ? dot + 1 : path + n;
	}
	return v;
}

/* Finds the first path component from the innermost context outwards. */
static json_t *lookup(struct render_state *st, const char *name)
{
	char first[TPL_MAX_NAME];
	const char *dot;
	size_t n;
	int i;

	if (strcmp(name, ".") == 0)
		return st->depth > 0 ? st->stack[st->depth - 1] : NULL;

	dot = strchr(name, '.');
	n = dot ? (size_t)(dot - name) : strlen(name);
	memcpy(first, name, n);
	first[n] = '\0';

	for (i = st->depth - 1; i >= 0; i--) {
		json_t *v = json_is_object(st->stack[i]) ? json_object_get(st->stack[i], first) : NULL;

		if (v)
			return dot ? lookup_path(v, dot + 1) : v;
	}
	return NULL;
}

static int truthy(json_t *v)
{
	if (v == NULL || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_real(v))
		return json_real_value(v) != 0.0;
	return 1;
}

static int render_value(struct buf *out, json_t *v, int escape)
{
	char num[64];

	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		size_t n = json_string_length(v);

		return escape ? buf_append_html(out, s, n) : buf_append(out, s, n);
	}
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf_puts(out, num);
	}
	if (json_is_real(v)) {
		snprintf(num, sizeof(num), "%g", json_real_value(v));
		return buf_puts(out, num);
	}
	if (json_is_true(v))
		return buf_puts(out, "true");
	return K_OK;
}

static int render_nodes(struct render_state *st, const struct template *t,
			size_t from, size_t to);

static int render_with(struct render_state *st, const struct template *t,
		       size_t from, size_t to, json_t *context)
{
	int rc;

	if (st->depth == TPL_MAX_DEPTH)
		return K_EINVAL;
	st->stack[st->depth++] = context;
	rc = render_nodes(st, t, from, to);
	st->depth--;
	return rc;
}

static int render_section(struct render_state *st, const struct template *t, size_t i)
{
	const struct node *n = &t->nodes[i];
	json_t *v = lookup(st, n->name);
	size_t k;
	int rc;

	if (n->kind == NODE_INVERTED)
		return truthy(v) ? K_OK : render_nodes(st, t, i + 1, n->end);
	if (!truthy(v))
		return K_OK;
	if (!json_is_array(v))
		return render_with(st, t, i + 1, n->end, v);

	for (k = 0; k < json_array_size(v); k++)
		if ((rc = render_with(st, t, i + 1, n->end, json_array_get(v, k))) < 0)
			return rc;
	return K_OK;
}

static int render_partial(struct render_state *st, const char *name)
{
	const struct template *p = set_find(st->set, name);
	int rc;

	if (p == NULL)
		return K_ENOTFOUND;
	if (st->depth == TPL_MAX_DEPTH)
		return K_EINVAL;
	/* The partial sees the same context; the extra stack slot bounds recursion. */
	st->stack[st->depth] = st->stack[st->depth - 1];
	st->depth++;
	rc = render_nodes(st, p, 0, p->count);
	st->depth--;
	return rc;
}

static int render_nodes(struct render_state *st, const struct template *t,
			size_t from, size_t to)
{
	size_t i = from;
	int rc = K_OK;

	while (i < to && rc == K_OK) {
		const struct node *n = &t->nodes[i];

		switch (n->kind) {
		case NODE_TEXT:
			rc = buf_append(st->out, n->text, n->len);
			break;
		case NODE_VAR:
		case NODE_RAW:
			rc = render_value(st->out, lookup(st, n->name), n->kind == NODE_VAR);
			break;
		case NODE_PARTIAL:
			rc = render_partial(st, n->name);
			break;
		case NODE_SECTION:
		case NODE_INVERTED:
			rc = render_section(st, t, i);
			i = n->end;
			continue;
		}
		i++;
	}
	return rc;
}

int tpl_render(struct buf *out, const struct tpl_set *set, const char *name,
	       json_t *data)
{
	struct render_state st = {0};
	const struct template *t = set_find(set, name);

	if (t == NULL)
		return K_ENOTFOUND;
	st.set = set;
	st.out = out;
	st.stack[0] = data;
	st.depth = 1;
	return render_nodes(&st, t, 0, t->count);
}
