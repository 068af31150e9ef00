/* content.h - the content repository read into memory: site settings,
 * courses with their lessons and tests, and help pages.
 *
 * Layout of the repository:
 *   site.yml                       title, organization, language, logo, banner, contact, categories
 *   assets/                        shared images, copied to /assets/
 *   courses/<slug>/course.md       a course: front matter and description
 *   courses/<slug>/NN-<name>.md    its lessons, ordered by file name
 *   courses/<slug>/<name>.quiz.md  its tests
 *   courses/<slug>/media/...       files copied to /khoa-hoc/<slug>/media/
 *   pages/<name>.md                help and support pages at /trang/<name>/ */
#ifndef KHOA_CONTENT_H
#define KHOA_CONTENT_H

#include <stddef.h>

#include <jansson.h>

#include "diag.h"
#include "quizparse.h"
#include "source.h"

#define CONTENT_SLUG_MAX 96

struct lesson {
	char slug[CONTENT_SLUG_MAX];
	const char *path;       /* repository path (owned by the source) */
	char *title;
	int duration_minutes;
	char *url;
	char *html;
	char *video_url, *captions_url, *audio_url, *slides_url;
};

struct course_quiz {
	char slug[CONTENT_SLUG_MAX];
	const char *path;
	char content_hash[GIT_OID_HEXSZ + 1];  /* the blob id */
	char *url;
	struct quiz quiz;
};

struct course {
	char slug[CONTENT_SLUG_MAX];
	char *title, *category, *summary, *certificate_title, *cover_url, *url;
	char *description_html;
	int order;
	int pass_percent;
	struct lesson *lessons;
	size_t lesson_count;
	struct course_quiz *quizzes;
	size_t quiz_count;
};

struct help_page {
	char slug[CONTENT_SLUG_MAX];
	char *title;
	char *url;
	char *html;
	int order;
};

struct content {
	json_t *site;          /* settings for the layout: title, organization, logo_url... */
	json_t *categories;    /* [{slug, title}] in display order */
	char language[8];
	struct course *courses;   /* published courses, in category and order */
	size_t course_count;
	struct help_page *pages;
	size_t page_count;
};

/* Reads everything from the source. Problems go to diag; a file with an
 * error is left out and the rest is still read. Returns K_EPARSE only when
 * site.yml itself is missing or invalid, K_ENOMEM. */
int content_load(struct content *content, const struct source *src, struct diag *diag);

void content_free(struct content *content);

/* Maps a repository path of a copied file to its site path without the
 * leading slash ("courses/x/media/a.png" -> "khoa-hoc/x/media/a.png"), or
 * returns K_ENOTFOUND for files that are not published. */
int content_site_path(struct buf *out, const char *repo_path);

#endif
