/* view.c - theme templates, interface strings and the page layout. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "view.h"
#include "yamljson.h"

int view_open(struct view *v, const char *theme_dir, const char *lang, struct buf *errors)
{
	struct buf path = BUF_INIT;
	int rc;

	memset(v, 0, sizeof(*v));
	snprintf(v->lang, sizeof(v->lang), "%s", lang && *lang ? lang : "vi");
	v->site = json_object();
	v->build = json_object();
	if (v->site == NULL || v->build == NULL) {
		rc = K_ENOMEM;
		goto cleanup;
	}

	if ((rc = buf_printf(&path, "%s/templates", theme_dir)) < 0 ||
	    (rc = tpl_set_load_dir(&v->templates, path.data, errors)) < 0)
		goto cleanup;
	if (!tpl_set_has(v->templates, "layout")) {
		if (errors)
			buf_printf(errors, "%s: the template layout.html is missing\n", path.data);
		rc = K_ENOTFOUND;
		goto cleanup;
	}

	buf_clear(&path);
	if ((rc = buf_printf(&path, "%s/i18n/%s.yml", theme_dir, v->lang)) < 0 ||
	    (rc = yaml_file_to_json(&v->strings, path.data, errors)) < 0)
		goto cleanup;

cleanup:
	buf_free(&path);
	if (rc < 0)
		view_close(v);
	return rc;
}

void view_set_site(struct view *v, json_t *site)
{
	if (site == NULL)
		return;
	json_decref(v->site);
	v->site = site;
}

void view_close(struct view *v)
{
	tpl_set_free(v->templates);
	json_decref(v->strings);
	json_decref(v->site);
	json_decref(v->build);
	memset(v, 0, sizeof(*v));
}

const char *view_string(const struct view *v, const char *key)
{
	const char *s = json_string_value(json_object_get(v->strings, key));

	return s ? s : key;
}

int view_render_page(struct view *v, struct buf *out, const char *name, json_t *data)
{
	struct buf inner = BUF_INIT;
	int rc;

	json_object_set(data, "site", v->site);
	json_object_set(data, "t", v->strings);
	json_object_set(data, "build", v->build);
	json_object_set_new(data, "lang", json_string(v->lang));
	if (json_object_get(data, "base") == NULL)
		json_object_set_new(data, "base", json_string(""));

	if ((rc = tpl_render(&inner, v->templates, name, data)) < 0)
		goto cleanup;
	/* The rendered page is valid UTF-8 already, because every value in it
	 * was; skipping jansson's check saves a pass over each page. */
	if ((rc = json_object_set_new(data, "content", json_stringn_nocheck(buf_cstr(&inner), inner.len))) < 0) {
		rc = K_ENOMEM;
		goto cleanup;
	}
	rc = tpl_render(out, v->templates, "layout", data);
	json_object_del(data, "content");

cleanup:
	buf_free(&inner);
	return rc;
}
