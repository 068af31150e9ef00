/* cert_internal.h - declarations shared by the certs/ sources; not part of the public API. */
#ifndef KHOA_CERT_INTERNAL_H
#define KHOA_CERT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* --- UTF-8 (cert_utf8.c) --- */

/*
 * Decodes the code point at *pos (before end) into *cp and advances *pos.
 * Rejects overlong forms, surrogates, values above U+10FFFF and truncated
 * sequences with -1 and leaves *pos unchanged; returns 0 on success.
 */
int cert_utf8_next(uint32_t *cp, const char **pos, const char *end);

/* Returns 1 when the len bytes at s are well-formed UTF-8, else 0. */
int cert_utf8_valid(const char *s, size_t len);

/*
 * Stores in *out a malloc'd copy of the UTF-8 string s in which lower-case
 * letters of ASCII, Latin-1 and Vietnamese (ă đ ĩ ũ ơ ư, U+1EA0-U+1EF9) are
 * replaced by capitals.  Other code points are copied unchanged.
 * Returns 0, CERT_EINVAL for invalid UTF-8 or CERT_ENOMEM.
 */
int cert_utf8_upper(char **out, const char *s);

/* --- RGB raster (cert_raster.c) --- */

struct cert_rgb {
	unsigned char r, g, b;
};

/* An 8-bit RGB image, rows top to bottom, 3 * width bytes per row without padding. */
struct cert_raster {
	int width;
	int height;
	unsigned char *pixels;
};

/* Allocates a width x height raster filled with background.  Returns 0, CERT_EINVAL or CERT_ENOMEM. */
int cert_raster_init(struct cert_raster *raster, int width, int height, struct cert_rgb background);
void cert_raster_free(struct cert_raster *raster);

/* Drawing primitives clip to the raster, so any coordinates are safe. */
void cert_raster_fill_rect(struct cert_raster *raster, int x, int y, int width, int height, struct cert_rgb color);
void cert_raster_frame(struct cert_raster *raster, int x, int y, int width, int height, int thickness, struct cert_rgb color);
/* Blends color over the pixel with coverage 0 (unchanged) to 255 (replaced). */
void cert_raster_blend(struct cert_raster *raster, int x, int y, unsigned coverage, struct cert_rgb color);
/* Draws an anti-aliased diamond (a square rotated 45 degrees) whose corners are radius px from its centre. */
void cert_raster_diamond(struct cert_raster *raster, int cx, int cy, int radius, struct cert_rgb color);

/* --- QR code (cert_qr.c) --- */

/* Width of the quiet zone on each side, in modules; ISO/IEC 18004 requires 4. */
#define CERT_QR_QUIET_MODULES 4

/* A QR symbol: width x width modules, 1 for dark, row-major. */
struct cert_qr {
	int width;
	unsigned char *modules;
};

/* Encodes data in byte mode at ECC level M with the smallest version that fits.  Returns 0, CERT_EQR or CERT_ENOMEM. */
int cert_qr_encode(struct cert_qr *qr, const char *data, size_t len);
void cert_qr_free(struct cert_qr *qr);

/* Draws the symbol with its quiet zone in light at (x, y), module_px pixels per module. */
void cert_qr_draw(struct cert_raster *raster, const struct cert_qr *qr, int x, int y, int module_px,
		  struct cert_rgb dark, struct cert_rgb light);

/* --- PNG (cert_png.c) --- */

/* Encodes the raster as an 8-bit RGB PNG into a malloc'd buffer.  Returns 0, CERT_EPNG or CERT_ENOMEM. */
int cert_png_encode(unsigned char **out_png, size_t *out_len, const struct cert_raster *raster);

#endif
