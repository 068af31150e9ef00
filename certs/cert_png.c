/* cert_png.c - libpng encoding of an RGB raster into a growing memory buffer. */
#include "cert.h"
#include "cert_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* Pixels per metre that print CERT_IMAGE_WIDTH px across the 297 mm side of A4. */
#define A4_PIXELS_PER_METRE ((png_uint_32)(CERT_IMAGE_WIDTH * 1000 / 297))

/* Growing output buffer filled by the libpng write callback. */
struct png_sink {
	unsigned char *data;
	size_t len;
	size_t capacity;
	int out_of_memory;
};

static void sink_write(png_structp png, png_bytep bytes, png_size_t count)
{
	struct png_sink *sink = png_get_io_ptr(png);

	if (count > sink->capacity - sink->len) {
		size_t capacity = sink->capacity == 0 ? 65536 : sink->capacity;
		unsigned char *grown;

		while (count > capacity - sink->len)
			capacity *= 2;
		grown = realloc(sink->data, capacity);
		if (grown == NULL) {
			sink->out_of_memory = 1;
			png_error(png, "out of memory for PNG output");
		}
		sink->data = grown;
		sink->capacity = capacity;
	}
	memcpy(sink->data + sink->len, bytes, count);
	sink->len += count;
}

static void sink_flush(png_structp png)
{
	(void)png;
}

/*
 * Runs every libpng write call under one setjmp.  It lives in its own
 * function and changes no local after setjmp, so no local is indeterminate
 * after a longjmp (C11 7.13.2.1).  Returns 0, or -1 after a libpng error.
 */
static int png_write_guarded(png_structp png, png_infop info, const struct cert_raster *raster,
			     png_bytep *rows)
{
	if (setjmp(png_jmpbuf(png)))
		return -1;

	png_set_IHDR(png, info, (png_uint_32)raster->width, (png_uint_32)raster->height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_pHYs(png, info, A4_PIXELS_PER_METRE, A4_PIXELS_PER_METRE, PNG_RESOLUTION_METER);
	png_set_rows(png, info, rows);
	png_write_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	return 0;
}

int cert_png_encode(unsigned char **out_png, size_t *out_len, const struct cert_raster *raster)
{
	struct png_sink sink = { NULL, 0, 0, 0 };
	png_structp png = NULL;
	png_infop info = NULL;
	png_bytep *rows = NULL;
	int row;
	int err = 0;

	*out_png = NULL;
	*out_len = 0;

	rows = malloc((size_t)raster->height * sizeof *rows);
	if (rows == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	for (row = 0; row < raster->height; row++)
		rows[row] = raster->pixels + (size_t)row * (size_t)raster->width * 3;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	if (png == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	info = png_create_info_struct(png);
	if (info == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	png_set_write_fn(png, &sink, sink_write, sink_flush);

	if (png_write_guarded(png, info, raster, rows) != 0) {
		err = sink.out_of_memory ? CERT_ENOMEM : CERT_EPNG;
		goto cleanup;
	}

	*out_png = sink.data;
	*out_len = sink.len;
	sink.data = NULL;

cleanup:
	if (png != NULL)
		png_destroy_write_struct(&png, info != NULL ? &info : NULL);
	free(sink.data);
	free(rows);
	return err;
}
