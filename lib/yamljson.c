/* yamljson.c - convert a libyaml document tree into jansson values. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "err.h"
#include "msg.h"
#include "yamljson.h"

/* Bounds the recursion on hostile nesting such as "[[[[...". */
#define YAML_MAX_DEPTH 64

/* The state of one conversion: the document and where its messages go. */
struct convert {
	yaml_document_t *doc;
	const char *origin;
	int first_line;
	struct buf *errors;
	int failed;
};

static json_t *convert_node(struct convert *cv, yaml_node_t *node, int depth);

static json_t *convert_scalar(yaml_node_t *node)
{
	const char *s = (const char *)node->data.scalar.value;
	size_t len = node->data.scalar.length;

	if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		char *end = NULL;
		long long v;

		if (strcmp(s, "true") == 0)
			return json_true();
		if (strcmp(s, "false") == 0)
			return json_false();
		if (len > 0 && len < 19 && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) {
			errno = 0;
			v = strtoll(s, &end, 10);
			if (errno == 0 && end == s + len)
				return json_integer(v);
		}
		if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0)
			return json_null();
	}
	return json_stringn(s, len);
}

/* A repeated key is an error: YAML forbids it, and silently keeping one of
 * the two values would hide an editor's mistake. */
static json_t *convert_mapping(struct convert *cv, yaml_node_t *node, int depth)
{
	json_t *obj = json_object();
	yaml_node_pair_t *pair;

	for (pair = node->data.mapping.pairs.start;
	     obj && pair < node->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = yaml_document_get_node(cv->doc, pair->key);
		yaml_node_t *value = yaml_document_get_node(cv->doc, pair->value);
		const char *name;
		json_t *v;

		if (key == NULL || key->type != YAML_SCALAR_NODE || value == NULL)
			continue;
		name = (const char *)key->data.scalar.value;
		if (json_object_get(obj, name) != NULL) {
			if (cv->errors)
				buf_printf(cv->errors, msg_text("%s:%d: the key \"%s\" appears twice; keep one\n"),
					   cv->origin, cv->first_line + (int)key->start_mark.line, name);
			cv->failed = 1;
			continue;
		}
		v = convert_node(cv, value, depth + 1);
		if (v == NULL || json_object_set_new(obj, (const char *)key->data.scalar.value, v) < 0) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

static json_t *convert_sequence(struct convert *cv, yaml_node_t *node, int depth)
{
	json_t *arr = json_array();
	yaml_node_item_t *item;

	for (item = node->data.sequence.items.start;
	     arr && item < node->data.sequence.items.top; item++) {
		yaml_node_t *child = yaml_document_get_node(cv->doc, *item);
		json_t *v = child ? convert_node(cv, child, depth + 1) : json_null();

		if (v == NULL || json_array_append_new(arr, v) < 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *convert_node(struct convert *cv, yaml_node_t *node, int depth)
{
	if (depth > YAML_MAX_DEPTH)
		return NULL;
	switch (node->type) {
	case YAML_SCALAR_NODE: return convert_scalar(node);
	case YAML_MAPPING_NODE: return convert_mapping(cv, node, depth);
	case YAML_SEQUENCE_NODE: return convert_sequence(cv, node, depth);
	default: return json_null();
	}
}

int yaml_to_json(json_t **out, const char *src, size_t len, const char *origin,
		 int first_line, struct buf *errors)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	int rc = K_OK;

	*out = NULL;
	if (!yaml_parser_initialize(&parser))
		return K_ENOMEM;
	yaml_parser_set_input_string(&parser, (const unsigned char *)src, len);

	if (!yaml_parser_load(&parser, &doc)) {
		/* The context mark is where the unfinished construct (a quoted
		 * string, a [list]) began. That is the line an editor must fix,
		 * while the problem mark is often the end of the text.
		 * NOTE: libyaml's problem text itself is English. */
		size_t line = parser.context ? parser.context_mark.line : parser.problem_mark.line;

		if (errors)
			buf_printf(errors, msg_text("%s:%d: invalid YAML: %s%s%s\n"), origin,
				   first_line + (int)line,
				   parser.problem ? parser.problem : "syntax error",
				   parser.context ? " " : "",
				   parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return K_EPARSE;
	}

	struct convert cv = {&doc, origin, first_line, errors, 0};

	root = yaml_document_get_root_node(&doc);
	if (root == NULL) {
		*out = json_object();
	} else {
		*out = convert_node(&cv, root, 0);
		if (*out == NULL) {
			if (errors)
				buf_printf(errors, msg_text("%s:%d: YAML is nested too deeply\n"),
					   origin, first_line);
			rc = K_EPARSE;
		}
	}
	if (rc == K_OK && *out == NULL)
		rc = K_ENOMEM;
	if (rc == K_OK && cv.failed) {
		json_decref(*out);
		*out = NULL;
		rc = K_EPARSE;
	}

	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return rc;
}

int yaml_file_to_json(json_t **out, const char *path, struct buf *errors)
{
	struct buf src = BUF_INIT;
	int rc;

	*out = NULL;
	if ((rc = buf_read_file(&src, path)) < 0) {
		if (errors)
			buf_printf(errors, msg_text("%s: cannot open: %s\n"), path, strerror(errno));
		buf_free(&src);
		return K_EIO;
	}
	rc = yaml_to_json(out, buf_cstr(&src), src.len, path, 1, errors);
	buf_free(&src);
	return rc;
}
