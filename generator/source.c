/* source.c - list and read the blobs of a commit with libgit2. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "source.h"

/* Files larger than this are skipped with an error: the site is for lessons
 * and short media, and a huge blob would be read into memory. */
#define SOURCE_MAX_FILE (64u * 1024u * 1024u)

struct walk {
	struct source *s;
	size_t cap;
	int rc;
};

static int add_file(struct walk *w, const char *root, const git_tree_entry *entry)
{
	struct source *s = w->s;
	struct source_file *f;
	size_t n = strlen(root) + strlen(git_tree_entry_name(entry)) + 1;

	if (s->count == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 256;
		struct source_file *files = realloc(s->files, cap * sizeof(*files));

		if (files == NULL)
			return K_ENOMEM;
		s->files = files;
		w->cap = cap;
	}
	f = &s->files[s->count];
	if ((f->path = malloc(n)) == NULL)
		return K_ENOMEM;
	strcpy(f->path, root);
	strcat(f->path, git_tree_entry_name(entry));
	git_oid_cpy(&f->oid, git_tree_entry_id(entry));
	f->size = 0;
	s->count++;
	return K_OK;
}

static int walk_entry(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk *w = payload;

	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		return 0;
	if ((w->rc = add_file(w, root, entry)) < 0)
		return -1;
	return 0;
}

static int compare_files(const void *a, const void *b)
{
	return strcmp(((const struct source_file *)a)->path,
		      ((const struct source_file *)b)->path);
}

static void git_message(struct buf *errors, const char *what, const char *subject)
{
	const git_error *e = git_error_last();

	if (errors)
		buf_printf(errors, "%s: %s: %s\n", subject, what, e && e->message ? e->message : "failed");
}

int source_open(struct source *s, const char *repo_path, const char *rev, struct buf *errors)
{
	git_object *object = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	struct walk w = {s, 0, K_OK};
	int rc = K_EIO;

	memset(s, 0, sizeof(*s));
	git_libgit2_init();
	if (git_repository_open_ext(&s->repo, repo_path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		git_message(errors, "cannot open the content repository", repo_path);
		goto cleanup;
	}
	if (git_revparse_single(&object, s->repo, rev) < 0 ||
	    git_object_peel((git_object **)&commit, object, GIT_OBJECT_COMMIT) < 0) {
		git_message(errors, "cannot find the commit", rev);
		rc = K_ENOTFOUND;
		goto cleanup;
	}
	git_oid_tostr(s->commit_id, sizeof(s->commit_id), git_commit_id(commit));

	if (git_commit_tree(&tree, commit) < 0) {
		git_message(errors, "cannot read the tree of the commit", rev);
		goto cleanup;
	}
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_entry, &w) < 0) {
		rc = w.rc < 0 ? w.rc : K_EIO;
		git_message(errors, "cannot list the files of the commit", rev);
		goto cleanup;
	}
	qsort(s->files, s->count, sizeof(*s->files), compare_files);
	rc = K_OK;

cleanup:
	git_tree_free(tree);
	git_commit_free(commit);
	git_object_free(object);
	if (rc < 0)
		source_close(s);
	return rc;
}

const struct source_file *source_find(const struct source *s, const char *path)
{
	struct source_file key;

	key.path = (char *)path;
	return bsearch(&key, s->files, s->count, sizeof(*s->files), compare_files);
}

int source_read(const struct source *s, const struct source_file *f, struct buf *out)
{
	git_blob *blob = NULL;
	git_object_size_t size;
	int rc;

	if (git_blob_lookup(&blob, s->repo, &f->oid) < 0)
		return K_EIO;
	size = git_blob_rawsize(blob);
	if (size > SOURCE_MAX_FILE)
		rc = K_ETOOBIG;
	else
		rc = buf_append(out, git_blob_rawcontent(blob), (size_t)size);
	git_blob_free(blob);
	return rc;
}

void source_close(struct source *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		free(s->files[i].path);
	free(s->files);
	git_repository_free(s->repo);
	memset(s, 0, sizeof(*s));
	git_libgit2_shutdown();
}
