/* output.h - writing the site folder: files, folders and the final swap. */
#ifndef KHOA_OUTPUT_H
#define KHOA_OUTPUT_H

#include <stddef.h>

/* Creates dir and its parents (mode 0755). Returns K_OK or K_EIO. */
int output_mkdirs(const char *dir);

/* Writes data to root/relpath, creating parent folders. Returns K_EIO. */
int output_write(const char *root, const char *relpath, const void *data, size_t len);

/* Copies every regular file below src into root/dest_prefix. */
int output_copy_tree(const char *root, const char *dest_prefix, const char *src);

/* Deletes a folder tree; a missing folder is not an error. */
int output_remove_tree(const char *dir);

/* Publishes the folder `fresh` as `final` atomically: fresh becomes a
 * versioned folder beside final, final a symlink to it, and the previously
 * published folder is removed. A real folder at final (from an older
 * build) is replaced once, with a brief gap. On failure final is unchanged
 * and fresh is removed. */
int output_swap(const char *fresh, const char *final);

#endif
