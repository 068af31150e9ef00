/* cert_raster.c - an 8-bit RGB raster with clipped rectangles, frames, diamonds and alpha blending. */
#include "cert.h"
#include "cert_internal.h"

#include <stdlib.h>

int cert_raster_init(struct cert_raster *raster, int width, int height, struct cert_rgb background)
{
	size_t count;
	size_t i;

	raster->width = 0;
	raster->height = 0;
	raster->pixels = NULL;
	if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
		return CERT_EINVAL;

	count = (size_t)width * (size_t)height;
	raster->pixels = malloc(count * 3);
	if (raster->pixels == NULL)
		return CERT_ENOMEM;
	for (i = 0; i < count; i++) {
		raster->pixels[i * 3] = background.r;
		raster->pixels[i * 3 + 1] = background.g;
		raster->pixels[i * 3 + 2] = background.b;
	}
	raster->width = width;
	raster->height = height;
	return 0;
}

void cert_raster_free(struct cert_raster *raster)
{
	free(raster->pixels);
	raster->pixels = NULL;
	raster->width = 0;
	raster->height = 0;
}

void cert_raster_blend(struct cert_raster *raster, int x, int y, unsigned coverage, struct cert_rgb color)
{
	unsigned char *p;

	if (x < 0 || y < 0 || x >= raster->width || y >= raster->height || coverage == 0)
		return;
	if (coverage > 255)
		coverage = 255;
	p = raster->pixels + ((size_t)y * (size_t)raster->width + (size_t)x) * 3;
	/* dst + (src - dst) * coverage / 255, rounded, in integers. */
	p[0] = (unsigned char)((p[0] * (255 - coverage) + color.r * coverage + 127) / 255);
	p[1] = (unsigned char)((p[1] * (255 - coverage) + color.g * coverage + 127) / 255);
	p[2] = (unsigned char)((p[2] * (255 - coverage) + color.b * coverage + 127) / 255);
}

void cert_raster_fill_rect(struct cert_raster *raster, int x, int y, int width, int height, struct cert_rgb color)
{
	int x0 = x < 0 ? 0 : x;
	int y0 = y < 0 ? 0 : y;
	int x1 = x + width > raster->width ? raster->width : x + width;
	int y1 = y + height > raster->height ? raster->height : y + height;
	int row;
	int col;

	for (row = y0; row < y1; row++) {
		unsigned char *p = raster->pixels + ((size_t)row * (size_t)raster->width + (size_t)x0) * 3;

		for (col = x0; col < x1; col++) {
			*p++ = color.r;
			*p++ = color.g;
			*p++ = color.b;
		}
	}
}

void cert_raster_frame(struct cert_raster *raster, int x, int y, int width, int height, int thickness,
		       struct cert_rgb color)
{
	cert_raster_fill_rect(raster, x, y, width, thickness, color);
	cert_raster_fill_rect(raster, x, y + height - thickness, width, thickness, color);
	cert_raster_fill_rect(raster, x, y, thickness, height, color);
	cert_raster_fill_rect(raster, x + width - thickness, y, thickness, height, color);
}

void cert_raster_diamond(struct cert_raster *raster, int cx, int cy, int radius, struct cert_rgb color)
{
	int dx;
	int dy;

	/*
	 * A pixel's distance outside the edge |dx| + |dy| = radius is
	 * (|dx| + |dy| - radius) / sqrt(2); coverage falls from 1 to 0 across
	 * one pixel around the edge.
	 */
	for (dy = -radius - 1; dy <= radius + 1; dy++) {
		for (dx = -radius - 1; dx <= radius + 1; dx++) {
			int manhattan = abs(dx) + abs(dy);
			double outside = (double)(manhattan - radius) * 0.70710678;
			double coverage = 0.5 - outside;

			if (coverage <= 0.0)
				continue;
			if (coverage > 1.0)
				coverage = 1.0;
			cert_raster_blend(raster, cx + dx, cy + dy, (unsigned)(coverage * 255.0 + 0.5), color);
		}
	}
}
