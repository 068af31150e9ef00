/* content.c - read site.yml, courses, lessons, tests and pages from a commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "err.h"
#include "frontmatter.h"
#include "lint.h"
#include "markdown.h"
#include "resolve.h"
#include "yamljson.h"

#define DEFAULT_PASS_PERCENT 70

/* One Markdown file read and split; the text must outlive the document. */
struct loaded {
	struct buf text;
	struct document doc;
	struct resolver resolver;
};

static int load_markdown(struct loaded *l, const struct source *src,
			 const struct source_file *f, struct diag *diag)
{
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = source_read(src, f, &l->text)) < 0) {
		diag_error(diag, f->path, 0, "cannot read the file from the repository");
		return rc;
	}
	rc = document_parse(&l->doc, f->path, buf_cstr(&l->text), l->text.len, diag);
	if (l->doc.body)
		lint_markdown(f->path, l->doc.body, l->doc.body_len, l->doc.body_line, diag);
	if (rc < 0)
		return rc;
	l->resolver.src = src;
	l->resolver.path = f->path;
	l->resolver.diag = diag;
	return K_OK;
}

static void loaded_free(struct loaded *l)
{
	document_free(&l->doc);
	buf_free(&l->text);
}

static char *body_html(struct loaded *l)
{
	struct buf html = BUF_INIT;

	if (md_to_html(&html, l->doc.body, l->doc.body_len, l->doc.body_line,
		       resolve_link, &l->resolver) < 0) {
		buf_free(&html);
		return NULL;
	}
	return buf_detach(&html);
}

/* Resolves a file named in front matter (video:, cover:...) to its URL. */
static int media_url(char **out, struct loaded *l, const char *key, struct diag *diag)
{
	const char *value = NULL;
	struct buf url = BUF_INIT;

	*out = NULL;
	if (meta_string(&value, l->doc.meta, key, 0, l->resolver.path, diag) < 0)
		return K_EINVAL;
	if (value == NULL)
		return K_OK;
	if (resolve_repo_path(&url, l->resolver.path, value) < 0 ||
	    source_find(l->resolver.src, buf_cstr(&url)) == NULL) {
		diag_error(diag, l->resolver.path, meta_line(l->doc.meta, key),
			   "the file \"%s\" named in \"%s:\" is not "
			   "in the repository", value, key);
		buf_free(&url);
		return K_EINVAL;
	}
	buf_clear(&url);
	if (resolve_link(&l->resolver, value, 1, 1, &url) != 1) {
		diag_error(diag, l->resolver.path, meta_line(l->doc.meta, key),
			   "the file \"%s\" named in \"%s:\" is not "
			   "in the repository", value, key);
		buf_free(&url);
		return K_EINVAL;
	}
	*out = buf_detach(&url);
	return K_OK;
}

/* --- site.yml --- */

static int load_categories(struct content *c, json_t *list, struct diag *diag)
{
	size_t i;
	json_t *item;

	c->categories = json_array();
	if (!json_is_array(list)) {
		diag_error(diag, "site.yml", 0, "\"categories:\" must be a list of {slug, title}");
		return K_EPARSE;
	}
	json_array_foreach(list, i, item) {
		const char *slug = json_string_value(json_object_get(item, "slug"));
		const char *title = json_string_value(json_object_get(item, "title"));

		if (slug == NULL || title == NULL) {
			diag_error(diag, "site.yml", 0, "category %zu needs both \"slug:\" and \"title:\"", i + 1);
			continue;
		}
		json_array_append_new(c->categories, json_pack("{s:s, s:s, s:[]}", "slug", slug,
							       "title", title, "courses"));
	}
	return K_OK;
}

static void set_asset_url(json_t *site, json_t *meta, const char *key, const char *url_key,
			  const struct source *src, struct diag *diag)
{
	const char *path = json_string_value(json_object_get(meta, key));
	struct buf url = BUF_INIT;

	if (path == NULL)
		return;
	if (source_find(src, path) == NULL) {
		diag_warn(diag, "site.yml", 0, "the %s file \"%s\" is not in the repository", key, path);
		return;
	}
	buf_putc(&url, '/');
	if (content_site_path(&url, path) == K_OK)
		json_object_set_new(site, url_key, json_string(url.data));
	else
		diag_warn(diag, "site.yml", 0, "the %s file \"%s\" must be under assets/", key, path);
	buf_free(&url);
}

static int load_site(struct content *c, const struct source *src, struct diag *diag)
{
	const struct source_file *f = source_find(src, "site.yml");
	struct buf text = BUF_INIT, errors = BUF_INIT;
	json_t *meta = NULL;
	const char *lang;
	int rc = K_EPARSE;

	if (f == NULL) {
		diag_error(diag, "site.yml", 0, "missing: the repository needs a site.yml at its root");
		return K_EPARSE;
	}
	if (source_read(src, f, &text) < 0 ||
	    yaml_to_json(&meta, buf_cstr(&text), text.len, "site.yml", 1, &errors) < 0) {
		diag_error_lines(diag, buf_cstr(&errors));
		goto cleanup;
	}
	if (!json_is_object(meta) || !json_is_string(json_object_get(meta, "title"))) {
		diag_error(diag, "site.yml", 1, "the site needs a \"title:\"");
		goto cleanup;
	}

	c->site = json_pack("{s:O, s:O?, s:O?, s:O?}", "title", json_object_get(meta, "title"),
			    "organization", json_object_get(meta, "organization"),
			    "tagline", json_object_get(meta, "tagline"),
			    "contact", json_object_get(meta, "contact"));
	set_asset_url(c->site, meta, "logo", "logo_url", src, diag);
	set_asset_url(c->site, meta, "banner", "banner_url", src, diag);
	lang = json_string_value(json_object_get(meta, "language"));
	snprintf(c->language, sizeof(c->language), "%s", lang && strlen(lang) < 8 ? lang : "vi");
	rc = load_categories(c, json_object_get(meta, "categories"), diag);

cleanup:
	json_decref(meta);
	buf_free(&text);
	buf_free(&errors);
	return rc;
}

/* --- lessons and tests --- */

static int load_lesson(struct lesson *lesson, struct course *course, const struct source *src,
		       const struct source_file *f, struct diag *diag)
{
	struct loaded l;
	const char *title = NULL;
	long long duration = 0;
	struct buf url = BUF_INIT;
	int rc;

	memset(lesson, 0, sizeof(*lesson));
	if ((rc = load_markdown(&l, src, f, diag)) < 0)
		goto cleanup;
	rc = K_EINVAL;
	if (resolve_file_slug(lesson->slug, sizeof(lesson->slug), f->path) < 0) {
		diag_error(diag, f->path, 0, "the file name must be NN-name.md with lowercase "
			   "letters a-z, digits and '-' only");
		goto cleanup;
	}
	if (meta_title(&title, l.doc.meta, "title", f->path, diag) < 0 ||
	    meta_int(&duration, l.doc.meta, "duration", 0, 600, f->path, diag) < 0 ||
	    media_url(&lesson->video_url, &l, "video", diag) < 0 ||
	    media_url(&lesson->captions_url, &l, "captions", diag) < 0 ||
	    media_url(&lesson->audio_url, &l, "audio", diag) < 0 ||
	    media_url(&lesson->slides_url, &l, "slides", diag) < 0)
		goto cleanup;

	buf_printf(&url, "/khoa-hoc/%s/%s/", course->slug, lesson->slug);
	lesson->path = f->path;
	lesson->title = strdup(title);
	lesson->duration_minutes = (int)duration;
	lesson->url = buf_detach(&url);
	lesson->html = body_html(&l);
	rc = lesson->html ? K_OK : K_ENOMEM;

cleanup:
	loaded_free(&l);
	return rc;
}

static void lesson_free(struct lesson *lesson)
{
	free(lesson->title);
	free(lesson->url);
	free(lesson->html);
	free(lesson->video_url);
	free(lesson->captions_url);
	free(lesson->audio_url);
	free(lesson->slides_url);
}

static int load_quiz(struct course_quiz *cq, struct course *course, const struct source *src,
		     const struct source_file *f, struct diag *diag)
{
	struct loaded l;
	struct buf url = BUF_INIT;
	int rc;

	memset(cq, 0, sizeof(*cq));
	if ((rc = load_markdown(&l, src, f, diag)) < 0)
		goto cleanup;
	if (resolve_file_slug(cq->slug, sizeof(cq->slug), f->path) < 0) {
		diag_error(diag, f->path, 0, "the file name must be name.quiz.md with lowercase "
			   "letters a-z, digits and '-' only");
		rc = K_EINVAL;
		goto cleanup;
	}
	rc = quiz_parse(&cq->quiz, f->path, l.doc.meta, l.doc.body, l.doc.body_len,
			l.doc.body_line, course->pass_percent, resolve_link, &l.resolver, diag);
	if (rc < 0)
		goto cleanup;

	buf_printf(&url, "/khoa-hoc/%s/%s/", course->slug, cq->slug);
	cq->url = buf_detach(&url);
	cq->path = f->path;
	git_oid_tostr(cq->content_hash, sizeof(cq->content_hash), &f->oid);

cleanup:
	if (rc < 0)
		quiz_free(&cq->quiz);
	loaded_free(&l);
	return rc;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int slug_taken(const struct course *course, const char *slug)
{
	for (size_t i = 0; i < course->lesson_count; i++)
		if (strcmp(course->lessons[i].slug, slug) == 0)
			return 1;
	for (size_t i = 0; i < course->quiz_count; i++)
		if (strcmp(course->quizzes[i].slug, slug) == 0)
			return 1;
	return strcmp(slug, "media") == 0;
}

/* Loads one file of the course folder as a lesson or a test. */
static void load_course_file(struct course *course, const struct source *src,
			     const struct source_file *f, struct diag *diag)
{
	if (has_suffix(f->path, ".quiz.md")) {
		struct course_quiz cq;

		if (load_quiz(&cq, course, src, f, diag) < 0)
			return;
		if (slug_taken(course, cq.slug)) {
			diag_error(diag, f->path, 0, "another file of this course has the address \"%s\"", cq.slug);
			quiz_free(&cq.quiz);
			free(cq.url);
			return;
		}
		course->quizzes[course->quiz_count++] = cq;
	} else {
		struct lesson lesson;

		if (load_lesson(&lesson, course, src, f, diag) < 0) {
			lesson_free(&lesson);
			return;
		}
		if (slug_taken(course, lesson.slug)) {
			diag_error(diag, f->path, 0, "another file of this course has the address \"%s\"", lesson.slug);
			lesson_free(&lesson);
			return;
		}
		course->lessons[course->lesson_count++] = lesson;
	}
}

/* Loads the lessons and tests: the .md files directly in the course folder. */
static int load_course_files(struct course *course, const struct source *src, struct diag *diag)
{
	char prefix[CONTENT_SLUG_MAX + 16];
	size_t n, i, total = 0;

	n = (size_t)snprintf(prefix, sizeof(prefix), "courses/%s/", course->slug);
	for (i = 0; i < src->count; i++)
		total += strncmp(src->files[i].path, prefix, n) == 0;
	course->lessons = calloc(total + 1, sizeof(*course->lessons));
	course->quizzes = calloc(total + 1, sizeof(*course->quizzes));
	if (course->lessons == NULL || course->quizzes == NULL)
		return K_ENOMEM;

	for (i = 0; i < src->count; i++) {
		const struct source_file *f = &src->files[i];
		const char *rest = f->path + n;

		if (strncmp(f->path, prefix, n) != 0 || strchr(rest, '/') ||
		    !has_suffix(rest, ".md") || strcmp(rest, "course.md") == 0)
			continue;
		load_course_file(course, src, f, diag);
	}
	return K_OK;
}

/* --- courses --- */

static int category_known(const struct content *c, const char *slug)
{
	size_t i;
	json_t *item;

	json_array_foreach(c->categories, i, item)
		if (strcmp(json_string_value(json_object_get(item, "slug")), slug) == 0)
			return 1;
	return 0;
}

static void course_free(struct course *course)
{
	for (size_t i = 0; i < course->lesson_count; i++)
		lesson_free(&course->lessons[i]);
	for (size_t i = 0; i < course->quiz_count; i++) {
		quiz_free(&course->quizzes[i].quiz);
		free(course->quizzes[i].url);
	}
	free(course->lessons);
	free(course->quizzes);
	free(course->title);
	free(course->category);
	free(course->summary);
	free(course->certificate_title);
	free(course->cover_url);
	free(course->url);
	free(course->description_html);
	memset(course, 0, sizeof(*course));
}

/* Reads course.md. Returns K_ENOTFOUND for a draft, which is not published. */
static int load_course_meta(struct course *course, struct content *c, struct loaded *l,
			    const char *path, struct diag *diag)
{
	const char *title = NULL, *category = NULL, *summary = "", *cert = NULL, *status = "published";
	long long order = 0, pass = DEFAULT_PASS_PERCENT;
	struct buf url = BUF_INIT;

	if (meta_title(&title, l->doc.meta, "title", path, diag) < 0 ||
	    meta_string(&category, l->doc.meta, "category", 1, path, diag) < 0 ||
	    meta_string(&summary, l->doc.meta, "summary", 0, path, diag) < 0 ||
	    meta_string(&cert, l->doc.meta, "certificate_title", 0, path, diag) < 0 ||
	    (cert && meta_title(&cert, l->doc.meta, "certificate_title", path, diag) < 0) ||
	    meta_string(&status, l->doc.meta, "status", 0, path, diag) < 0 ||
	    meta_int(&order, l->doc.meta, "order", 0, 100000, path, diag) < 0 ||
	    meta_int(&pass, l->doc.meta, "pass_score", 1, 100, path, diag) < 0 ||
	    media_url(&course->cover_url, l, "cover", diag) < 0)
		return K_EINVAL;
	if (strcmp(status, "draft") == 0)
		return K_ENOTFOUND;
	if (strcmp(status, "published") != 0) {
		diag_error(diag, path, meta_line(l->doc.meta, "status"),
			   "\"status:\" must be published or draft, not \"%s\"", status);
		return K_EINVAL;
	}
	if (!category_known(c, category)) {
		diag_error(diag, path, meta_line(l->doc.meta, "category"),
			   "the category \"%s\" is not listed in site.yml", category);
		return K_EINVAL;
	}

	buf_printf(&url, "/khoa-hoc/%s/", course->slug);
	course->url = buf_detach(&url);
	course->title = strdup(title);
	course->category = strdup(category);
	course->summary = strdup(summary);
	course->certificate_title = strdup(cert ? cert : title);
	course->order = (int)order;
	course->pass_percent = (int)pass;
	course->description_html = body_html(l);
	return course->description_html ? K_OK : K_ENOMEM;
}

/* NOTE: an error in course.md leaves the whole course out of this build,
 * its lessons and tests included, until the file is fixed. */
static int load_course(struct course *course, struct content *c, const struct source *src,
		       const struct source_file *f, struct diag *diag)
{
	const char *start = f->path + 8, *slash = strchr(start, '/');
	struct loaded l;
	size_t n = (size_t)(slash - start);
	int rc;

	memset(course, 0, sizeof(*course));
	if (n >= sizeof(course->slug) || strspn(start, "abcdefghijklmnopqrstuvwxyz0123456789-") < n) {
		diag_error(diag, f->path, 0, "the course folder name must use lowercase letters "
			   "a-z, digits and '-' only");
		return K_EINVAL;
	}
	memcpy(course->slug, start, n);
	course->slug[n] = '\0';

	if ((rc = load_markdown(&l, src, f, diag)) == K_OK &&
	    (rc = load_course_meta(course, c, &l, f->path, diag)) == K_OK)
		rc = load_course_files(course, src, diag);
	loaded_free(&l);
	return rc;
}

static int category_index(const struct content *c, const char *slug)
{
	size_t i;
	json_t *item;

	json_array_foreach(c->categories, i, item)
		if (strcmp(json_string_value(json_object_get(item, "slug")), slug) == 0)
			return (int)i;
	return -1;
}

static const struct content *sort_content;

static int compare_courses(const void *a, const void *b)
{
	const struct course *x = a, *y = b;
	int cx = category_index(sort_content, x->category), cy = category_index(sort_content, y->category);

	if (cx != cy)
		return cx - cy;
	if (x->order != y->order)
		return x->order - y->order;
	return strcmp(x->slug, y->slug);
}

static int load_courses(struct content *c, const struct source *src, struct diag *diag)
{
	size_t i;

	if ((c->courses = calloc(src->count + 1, sizeof(*c->courses))) == NULL)
		return K_ENOMEM;
	for (i = 0; i < src->count; i++) {
		const char *path = src->files[i].path, *slash;
		int rc;

		if (strncmp(path, "courses/", 8) != 0 || (slash = strchr(path + 8, '/')) == NULL ||
		    strcmp(slash, "/course.md") != 0)
			continue;
		rc = load_course(&c->courses[c->course_count], c, src, &src->files[i], diag);
		if (rc == K_OK)
			c->course_count++;
		else
			course_free(&c->courses[c->course_count]);
		if (rc == K_ENOMEM)
			return rc;
	}
	sort_content = c;
	qsort(c->courses, c->course_count, sizeof(*c->courses), compare_courses);
	return K_OK;
}

/* --- help pages --- */

static int load_page(struct help_page *page, const struct source *src,
		     const struct source_file *f, struct diag *diag)
{
	struct loaded l;
	const char *title = NULL;
	long long order = 0;
	struct buf url = BUF_INIT;
	int rc;

	memset(page, 0, sizeof(*page));
	if ((rc = load_markdown(&l, src, f, diag)) < 0)
		goto cleanup;
	rc = K_EINVAL;
	if (resolve_file_slug(page->slug, sizeof(page->slug), f->path) < 0) {
		diag_error(diag, f->path, 0, "the file name must use lowercase letters a-z, digits and '-' only");
		goto cleanup;
	}
	if (meta_title(&title, l.doc.meta, "title", f->path, diag) < 0 ||
	    meta_int(&order, l.doc.meta, "order", 0, 100000, f->path, diag) < 0)
		goto cleanup;
	buf_printf(&url, "/trang/%s/", page->slug);
	page->url = buf_detach(&url);
	page->title = strdup(title);
	page->order = (int)order;
	page->html = body_html(&l);
	rc = page->html ? K_OK : K_ENOMEM;

cleanup:
	loaded_free(&l);
	return rc;
}

static void page_free(struct help_page *page)
{
	free(page->title);
	free(page->url);
	free(page->html);
}

static int load_pages(struct content *c, const struct source *src, struct diag *diag)
{
	if ((c->pages = calloc(src->count + 1, sizeof(*c->pages))) == NULL)
		return K_ENOMEM;
	for (size_t i = 0; i < src->count; i++) {
		const char *path = src->files[i].path;

		if (strncmp(path, "pages/", 6) != 0 || strchr(path + 6, '/') || !has_suffix(path, ".md"))
			continue;
		if (load_page(&c->pages[c->page_count], src, &src->files[i], diag) == K_OK)
			c->page_count++;
		else
			page_free(&c->pages[c->page_count]);
	}
	return K_OK;
}

int content_load(struct content *c, const struct source *src, struct diag *diag)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = load_site(c, src, diag)) < 0 ||
	    (rc = load_courses(c, src, diag)) < 0 ||
	    (rc = load_pages(c, src, diag)) < 0)
		return rc;
	return K_OK;
}

void content_free(struct content *c)
{
	for (size_t i = 0; i < c->course_count; i++)
		course_free(&c->courses[i]);
	for (size_t i = 0; i < c->page_count; i++)
		page_free(&c->pages[i]);
	free(c->courses);
	free(c->pages);
	json_decref(c->site);
	json_decref(c->categories);
	memset(c, 0, sizeof(*c));
}
