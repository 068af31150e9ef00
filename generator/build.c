/* build.c - run the generator's steps in order and publish the result. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "catalog.h"
#include "content.h"
#include "db.h"
#include "err.h"
#include "log.h"
#include "output.h"
#include "pages.h"
#include "source.h"
#include "view.h"

/* Returns 1 when path is outside courses/ or belongs to a course that was
 * published, so that a draft or broken course leaves no files behind. */
static int course_published(const struct content *c, const char *path)
{
	size_t n;

	if (strncmp(path, "courses/", 8) != 0)
		return 1;
	path += 8;
	n = strcspn(path, "/");
	for (size_t i = 0; i < c->course_count; i++)
		if (strlen(c->courses[i].slug) == n && strncmp(c->courses[i].slug, path, n) == 0)
			return 1;
	return 0;
}

/* Copies the files that are published as they are: assets and course media. */
static int copy_published_files(const struct source *src, const struct content *c,
				const char *out_dir)
{
	struct buf site_path = BUF_INIT, data = BUF_INIT;
	int rc = K_OK;

	for (size_t i = 0; i < src->count && rc == K_OK; i++) {
		buf_clear(&site_path);
		if (!course_published(c, src->files[i].path) ||
		    content_site_path(&site_path, src->files[i].path) < 0)
			continue;
		buf_clear(&data);
		if ((rc = source_read(src, &src->files[i], &data)) == K_OK)
			rc = output_write(out_dir, site_path.data, data.data, data.len);
		if (rc < 0)
			log_error("%s: cannot publish the file: %s", src->files[i].path, k_strerror(rc));
	}
	buf_free(&site_path);
	buf_free(&data);
	return rc;
}

static int copy_theme_and_key(const struct build_options *o, const char *out_dir)
{
	struct buf path = BUF_INIT;
	int rc;

	buf_printf(&path, "%s/static", o->theme_dir);
	rc = output_copy_tree(out_dir, "static", path.data);
	if (rc == K_OK && o->key_dir) {
		FILE *f;

		buf_clear(&path);
		buf_printf(&path, "%s/cert-ed25519.pub", o->key_dir);
		if ((f = fopen(path.data, "rb")) != NULL) {
			char key[256];
			size_t n = fread(key, 1, sizeof(key), f);

			fclose(f);
			rc = output_write(out_dir, "certificate-key.txt", key, n);
		}
	}
	buf_free(&path);
	return rc;
}

static int write_catalog(const struct build_options *o, const struct content *c,
			 const char *commit_id, int warnings)
{
	sqlite3 *db = NULL;
	int rc;

	if (o->db_path == NULL)
		return K_OK;
	if ((rc = db_open(&db, o->db_path, 1)) == K_OK && (rc = db_migrate(db)) == K_OK)
		rc = catalog_write(db, c, commit_id, warnings);
	db_close(db);
	return rc;
}

static int open_view(struct view *view, const struct build_options *o, const struct content *c,
		     const char *commit_id, struct diag *diag)
{
	struct buf errors = BUF_INIT;
	int rc = view_open(view, o->theme_dir, c->language, &errors);

	if (rc < 0) {
		diag_error_lines(diag, buf_cstr(&errors));
		buf_free(&errors);
		return rc;
	}
	view_set_site(view, json_deep_copy(c->site));
	json_object_set_new(view->build, "commit_short", json_stringn(commit_id, 10));
	buf_free(&errors);
	return K_OK;
}

static int generate(const struct build_options *o, const struct source *src,
		    struct content *c, const char *tmp_dir, struct diag *diag)
{
	struct view view;
	int rc;

	if ((rc = open_view(&view, o, c, src->commit_id, diag)) < 0)
		return rc;
	if ((rc = output_remove_tree(tmp_dir)) == K_OK && (rc = output_mkdirs(tmp_dir)) == K_OK &&
	    (rc = pages_write(c, &view, tmp_dir, diag)) == K_OK &&
	    (rc = copy_published_files(src, c, tmp_dir)) == K_OK)
		rc = copy_theme_and_key(o, tmp_dir);
	view_close(&view);
	return rc;
}

int build_site(const struct build_options *o, struct diag *diag)
{
	struct source src;
	struct content content;
	struct buf tmp_dir = BUF_INIT, errors = BUF_INIT;
	int rc;

	if ((rc = source_open(&src, o->repo, o->rev ? o->rev : "HEAD", &errors)) < 0) {
		diag_error_lines(diag, buf_cstr(&errors));
		buf_free(&errors);
		return rc;
	}
	buf_printf(&tmp_dir, "%s.new.%ld", o->out_dir, (long)getpid());

	/* Without a valid site.yml there is no site to publish: keep the old one. */
	if ((rc = content_load(&content, &src, diag)) < 0) {
		if (rc == K_EPARSE)
			rc = K_EINVAL;
		goto cleanup;
	}
	if ((rc = generate(o, &src, &content, tmp_dir.data, diag)) < 0)
		goto cleanup;
	if ((rc = write_catalog(o, &content, src.commit_id, diag->warnings)) < 0) {
		diag_error(diag, o->db_path ? o->db_path : "database", 0,
			   "cannot write the catalogue; the site was not replaced");
		goto cleanup;
	}
	rc = output_swap(tmp_dir.data, o->out_dir);
	if (rc == K_OK && diag->errors > 0)
		rc = K_EPARSE;

cleanup:
	if (rc < 0 && rc != K_EPARSE)
		output_remove_tree(tmp_dir.data);
	content_free(&content);
	source_close(&src);
	buf_free(&tmp_dir);
	buf_free(&errors);
	return rc;
}
