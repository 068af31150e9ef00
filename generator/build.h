/* build.h - `khoa build`: one commit of the content repository to a site and catalogue. */
#ifndef KHOA_BUILD_H
#define KHOA_BUILD_H

#include "diag.h"

struct build_options {
	const char *repo;       /* content repository (bare or not) */
	const char *rev;        /* commit to build, "HEAD" by default */
	const char *out_dir;    /* the site folder, replaced as a whole at the end */
	const char *theme_dir;
	const char *db_path;    /* NULL: write no catalogue (preview build) */
	const char *key_dir;    /* its cert-ed25519.pub is published; may be NULL */
};

/* Builds the site. Content problems go to diag and leave the faulty files
 * out; the result is then K_EPARSE but the site and catalogue are still
 * written. Other negative codes (K_EINVAL for a missing or invalid
 * site.yml) mean nothing was replaced. */
int build_site(const struct build_options *options, struct diag *diag);

#endif
