/* cert_text.c - UTF-8 text measured and drawn with FreeType, anti-aliased into the RGB raster. */
#include "cert.h"
#include "cert_internal.h"
#include "cert_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads a hinted outline; light hinting keeps glyph shapes close to the design at these sizes. */
#define GLYPH_LOAD_FLAGS (FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT)

/* Opens dir/name as a face.  Returns 0, CERT_EFONT or CERT_ENOMEM. */
static int face_open(FT_Face *face, FT_Library library, const char *dir, const char *name)
{
	size_t size = strlen(dir) + 1 + strlen(name) + 1;
	char *path;
	int err = 0;

	*face = NULL;
	path = malloc(size);
	if (path == NULL)
		return CERT_ENOMEM;
	snprintf(path, size, "%s/%s", dir, name);
	if (FT_New_Face(library, path, 0, face) != 0) {
		*face = NULL;
		err = CERT_EFONT;
	}
	free(path);
	return err;
}

int cert_fonts_open(struct cert_fonts *fonts, const char *dir)
{
	int err;

	memset(fonts, 0, sizeof *fonts);
	if (dir == NULL)
		return CERT_EINVAL;
	if (FT_Init_FreeType(&fonts->library) != 0) {
		fonts->library = NULL;
		return CERT_EFONT;
	}
	err = face_open(&fonts->serif_bold, fonts->library, dir, "NotoSerif-Bold.ttf");
	if (err == 0)
		err = face_open(&fonts->serif_regular, fonts->library, dir, "NotoSerif-Regular.ttf");
	if (err == 0)
		err = face_open(&fonts->sans_regular, fonts->library, dir, "NotoSans-Regular.ttf");
	if (err != 0)
		cert_fonts_close(fonts);
	return err;
}

void cert_fonts_close(struct cert_fonts *fonts)
{
	/* FT_Done_FreeType also releases every face opened from the library. */
	if (fonts->library != NULL)
		FT_Done_FreeType(fonts->library);
	memset(fonts, 0, sizeof *fonts);
}

/* Returns 1 for code points of the combining-mark blocks, which are drawn without advancing the pen. */
static int is_combining_mark(uint32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) ||  /* Combining Diacritical Marks */
	       (cp >= 0x1AB0 && cp <= 0x1AFF) ||  /* ... Extended */
	       (cp >= 0x1DC0 && cp <= 0x1DFF) ||  /* ... Supplement */
	       (cp >= 0x20D0 && cp <= 0x20FF) ||  /* ... for Symbols */
	       (cp >= 0xFE20 && cp <= 0xFE2F);    /* Combining Half Marks */
}

/* Destination of a text walk: NULL raster only measures. */
struct text_target {
	struct cert_raster *raster;
	int baseline;
	struct cert_rgb color;
};

/* Ink box of the base letter that the following combining marks attach to, in raster pixels. */
struct mark_base {
	int present;
	int left;
	int width;
	int top;  /* highest ink row so far, in pixels above the baseline */
};

/* Blends an 8-bit coverage bitmap with its top-left pixel at (left, top). */
static int bitmap_blend(const struct text_target *target, const FT_Bitmap *bitmap, int left, int top)
{
	unsigned row;
	unsigned col;

	if (bitmap->width == 0 || bitmap->rows == 0)
		return 0; /* a space */
	if (bitmap->pixel_mode != FT_PIXEL_MODE_GRAY || bitmap->pitch <= 0)
		return CERT_EFONT;

	for (row = 0; row < bitmap->rows; row++) {
		const unsigned char *line = bitmap->buffer + (size_t)row * (size_t)bitmap->pitch;

		for (col = 0; col < bitmap->width; col++)
			cert_raster_blend(target->raster, left + (int)col, top + (int)row, line[col], target->color);
	}
	return 0;
}

/* Draws the rendered base glyph with its origin at pen_x and records its ink box in *base. */
static int base_draw(struct mark_base *base, const struct text_target *target, FT_GlyphSlot slot, int pen_x)
{
	base->present = slot->bitmap.width > 0;
	base->left = pen_x + slot->bitmap_left;
	base->width = (int)slot->bitmap.width;
	base->top = slot->bitmap_top;
	return bitmap_blend(target, &slot->bitmap, base->left, target->baseline - slot->bitmap_top);
}

/* U+031B COMBINING HORN, as in NFD "ơ" and "ư", attaches at the right of its base, not above it. */
#define COMBINING_HORN 0x031B

/*
 * Draws a rendered combining mark.  Without a base, and for the horn, the
 * mark is drawn at the pen position with the font's own offset.
 * Otherwise it is centred over the base's ink, and a mark above the baseline
 * is lifted clear of the ink drawn so far, so stacked marks (e.g. U+0302 then
 * U+0303) and marks on capitals do not overlap.  This stands in for the
 * font's mark positioning (GPOS), which FreeType alone does not apply.
 */
static int mark_draw(struct mark_base *base, const struct text_target *target, FT_GlyphSlot slot, uint32_t cp,
		     int pen_x, int size_px)
{
	int gap = size_px / 24 + 1;
	int left = pen_x + slot->bitmap_left;
	int top = slot->bitmap_top;
	int bottom = top - (int)slot->bitmap.rows;

	if (base->present && cp != COMBINING_HORN) {
		left = base->left + (base->width - (int)slot->bitmap.width) / 2;
		if (bottom > 0 && bottom < base->top + gap)
			top += base->top + gap - bottom;
		if (top > base->top)
			base->top = top;
	}
	return bitmap_blend(target, &slot->bitmap, left, target->baseline - top);
}

/*
 * Walks the glyphs of text from pen position x: applies the face's kerning
 * table when it has one, draws each glyph when target->raster is set, and
 * stores the final pen position in *out_pen.  Combining marks do not advance
 * the pen; mark_draw places them on the preceding letter.
 */
static int text_walk(int *out_pen, FT_Face face, int size_px, const char *text, int x,
		     const struct text_target *target)
{
	const char *pos = text;
	const char *end = text + strlen(text);
	FT_Bool has_kerning = FT_HAS_KERNING(face);
	struct mark_base base = { 0, 0, 0, 0 };
	FT_UInt previous = 0;
	FT_Pos pen = (FT_Pos)x * 64; /* 26.6 fixed point */
	uint32_t cp;
	int err;

	*out_pen = x;
	if (size_px <= 0 || FT_Set_Pixel_Sizes(face, 0, (FT_UInt)size_px) != 0)
		return CERT_EFONT;

	while (pos < end) {
		FT_UInt index;
		int combining;

		if (cert_utf8_next(&cp, &pos, end) != 0)
			return CERT_EINVAL;
		index = FT_Get_Char_Index(face, cp);
		if (index == 0)
			return CERT_EFONT;
		combining = is_combining_mark(cp);

		if (has_kerning && previous != 0 && !combining) {
			FT_Vector delta;

			if (FT_Get_Kerning(face, previous, index, FT_KERNING_DEFAULT, &delta) == 0)
				pen += delta.x;
		}
		if (FT_Load_Glyph(face, index, GLYPH_LOAD_FLAGS) != 0)
			return CERT_EFONT;
		if (target->raster != NULL) {
			int pen_x = (int)((pen + 32) >> 6);

			if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0)
				return CERT_EFONT;
			if (combining)
				err = mark_draw(&base, target, face->glyph, cp, pen_x, size_px);
			else
				err = base_draw(&base, target, face->glyph, pen_x);
			if (err != 0)
				return err;
		}
		if (!combining) {
			pen += face->glyph->advance.x;
			previous = index;
		}
	}
	*out_pen = (int)((pen + 32) >> 6);
	return 0;
}

int cert_text_measure(int *out_width, FT_Face face, int size_px, const char *text)
{
	const struct text_target measure_only = { NULL, 0, { 0, 0, 0 } };
	int pen = 0;
	int err;

	*out_width = 0;
	err = text_walk(&pen, face, size_px, text, 0, &measure_only);
	if (err == 0)
		*out_width = pen;
	return err;
}

int cert_text_draw(struct cert_raster *raster, FT_Face face, int size_px, const char *text,
		   int x, int baseline, struct cert_rgb color)
{
	const struct text_target target = { raster, baseline, color };
	int pen;

	return text_walk(&pen, face, size_px, text, x, &target);
}

int cert_text_draw_centred(struct cert_raster *raster, FT_Face face, int size_px, const char *text,
			   int centre_x, int baseline, struct cert_rgb color)
{
	int width;
	int err;

	err = cert_text_measure(&width, face, size_px, text);
	if (err != 0)
		return err;
	return cert_text_draw(raster, face, size_px, text, centre_x - width / 2, baseline, color);
}
