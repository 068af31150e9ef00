/* cert_text.h - FreeType faces and UTF-8 text drawing for the certificate layout; internal. */
#ifndef KHOA_CERT_TEXT_H
#define KHOA_CERT_TEXT_H

#include "cert_internal.h"

#include <ft2build.h>
#include FT_FREETYPE_H

struct cert_fonts {
	FT_Library library;
	FT_Face serif_bold;
	FT_Face serif_regular;
	FT_Face sans_regular;
};

/* Opens the three Noto faces in dir.  On failure everything opened is closed; returns 0, CERT_EFONT or CERT_ENOMEM. */
int cert_fonts_open(struct cert_fonts *fonts, const char *dir);
void cert_fonts_close(struct cert_fonts *fonts);

/*
 * Stores in *out_width the advance width in pixels of the UTF-8 text at
 * size_px (kerning included, combining marks adding nothing).  Returns 0,
 * CERT_EINVAL for invalid UTF-8, or CERT_EFONT when the face has no glyph
 * for a character.
 */
int cert_text_measure(int *out_width, FT_Face face, int size_px, const char *text);

/* Draws the text with its pen starting at x on the given baseline; errors as cert_text_measure. */
int cert_text_draw(struct cert_raster *raster, FT_Face face, int size_px, const char *text,
		   int x, int baseline, struct cert_rgb color);

/* Draws the text centred on centre_x; errors as cert_text_measure. */
int cert_text_draw_centred(struct cert_raster *raster, FT_Face face, int size_px, const char *text,
			   int centre_x, int baseline, struct cert_rgb color);

#endif
