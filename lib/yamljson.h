/* yamljson.h - YAML text (front matter, site.yml, string catalogues) as jansson values. */
#ifndef KHOA_YAMLJSON_H
#define KHOA_YAMLJSON_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

/* Parses one YAML document from src[0..len) into *out (a new reference).
 * Plain scalars that are whole decimal integers become JSON integers and
 * plain true/false become booleans; everything else is a string. An empty
 * document is an empty object. On a syntax error returns K_EPARSE and
 * appends "origin:line: message\n" to errors, where line counts from
 * first_line (the file line of src[0]). */
int yaml_to_json(json_t **out, const char *src, size_t len, const char *origin,
		 int first_line, struct buf *errors);

/* Reads a whole file and parses it as yaml_to_json does. */
int yaml_file_to_json(json_t **out, const char *path, struct buf *errors);

#endif
