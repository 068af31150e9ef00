/* cert_render.c - certificate layout: border, Vietnamese texts, QR code, PNG output. */
#include "cert.h"
#include "cert_internal.h"
#include "cert_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_WIDTH CERT_IMAGE_WIDTH
#define PAGE_HEIGHT CERT_IMAGE_HEIGHT
#define PAGE_CENTRE_X (PAGE_WIDTH / 2)

/* Widest line of centred text, keeping clear of the border. */
#define TEXT_MAX_WIDTH 1260

/* Smallest size any text shrinks to; longer text is clipped at the page edge. */
#define TEXT_MIN_SIZE 12

/* QR code: modules of 4 to 8 px, sized towards QR_PREFERRED_SIDE, never above QR_MAX_SIDE (with quiet zone). */
#define QR_MIN_MODULE_PX 4
#define QR_MAX_MODULE_PX 8
#define QR_PREFERRED_SIDE 300
#define QR_MAX_SIDE 392
#define QR_RIGHT 1490
#define QR_BOTTOM 1018

static const struct cert_rgb COLOR_PAPER = { 252, 249, 240 };
static const struct cert_rgb COLOR_WHITE = { 255, 255, 255 };
static const struct cert_rgb COLOR_NAVY = { 24, 46, 86 };
static const struct cert_rgb COLOR_GOLD = { 178, 140, 58 };
static const struct cert_rgb COLOR_RED = { 150, 28, 30 };
static const struct cert_rgb COLOR_INK = { 38, 38, 44 };
static const struct cert_rgb COLOR_GREY = { 90, 90, 96 };

/* State shared by the drawing steps of one certificate. */
struct page {
	struct cert_raster raster;
	struct cert_fonts fonts;
};

/* Draws the double border: a navy band and, inside it, a thin gold frame with diamond corners. */
static void draw_border(struct cert_raster *raster)
{
	static const int corners[4][2] = {
		{ 58, 58 }, { PAGE_WIDTH - 59, 58 }, { 58, PAGE_HEIGHT - 59 }, { PAGE_WIDTH - 59, PAGE_HEIGHT - 59 }
	};
	int i;

	cert_raster_frame(raster, 24, 24, PAGE_WIDTH - 48, PAGE_HEIGHT - 48, 14, COLOR_NAVY);
	cert_raster_frame(raster, 44, 44, PAGE_WIDTH - 88, PAGE_HEIGHT - 88, 2, COLOR_GOLD);
	cert_raster_frame(raster, 56, 56, PAGE_WIDTH - 112, PAGE_HEIGHT - 112, 5, COLOR_GOLD);
	for (i = 0; i < 4; i++) {
		cert_raster_diamond(raster, corners[i][0], corners[i][1], 16, COLOR_GOLD);
		cert_raster_diamond(raster, corners[i][0], corners[i][1], 7, COLOR_PAPER);
	}
}

/* Draws a short gold rule with a diamond at its centre, as a separator under a heading. */
static void draw_ornament(struct cert_raster *raster, int centre_y, int half_width)
{
	cert_raster_fill_rect(raster, PAGE_CENTRE_X - half_width, centre_y - 1, 2 * half_width, 2, COLOR_GOLD);
	cert_raster_diamond(raster, PAGE_CENTRE_X, centre_y, 8, COLOR_GOLD);
	cert_raster_diamond(raster, PAGE_CENTRE_X - half_width, centre_y, 3, COLOR_GOLD);
	cert_raster_diamond(raster, PAGE_CENTRE_X + half_width, centre_y, 3, COLOR_GOLD);
}

/*
 * Stores in *out_size the largest pixel size from max_size down to min_size
 * at which text is at most max_width wide, or 0 when none is.
 */
static int size_fit(int *out_size, FT_Face face, const char *text, int max_width, int max_size, int min_size)
{
	int size;
	int width;
	int err;

	*out_size = 0;
	for (size = max_size; size >= min_size; size--) {
		err = cert_text_measure(&width, face, size, text);
		if (err != 0)
			return err;
		if (width <= max_width) {
			*out_size = size;
			break;
		}
	}
	return 0;
}

/* Draws one centred line, shrinking it from max_size (down to TEXT_MIN_SIZE) until it fits TEXT_MAX_WIDTH. */
static int draw_line_fitted(struct page *page, FT_Face face, const char *text, int max_size, int baseline,
			    struct cert_rgb color)
{
	int size;
	int err;

	err = size_fit(&size, face, text, TEXT_MAX_WIDTH, max_size, TEXT_MIN_SIZE);
	if (err != 0)
		return err;
	if (size == 0)
		size = TEXT_MIN_SIZE; /* NOTE: wider than the page even at the minimum size; both ends are clipped. */
	return cert_text_draw_centred(&page->raster, face, size, text, PAGE_CENTRE_X, baseline, color);
}

/*
 * Finds the space that splits text into two lines of the most even width
 * at size_px.  Stores its byte offset in *out_split, or 0 when text has no
 * inner space.
 */
static int wrap_point_find(size_t *out_split, FT_Face face, int size_px, const char *text)
{
	size_t len = strlen(text);
	char *copy;
	int best_width = -1;
	size_t i;
	int err = 0;

	*out_split = 0;
	copy = malloc(len + 1);
	if (copy == NULL)
		return CERT_ENOMEM;

	for (i = 1; i + 1 < len; i++) {
		int first_width;
		int second_width;
		int longer;

		if (text[i] != ' ')
			continue;
		memcpy(copy, text, i);
		copy[i] = '\0';
		err = cert_text_measure(&first_width, face, size_px, copy);
		if (err == 0)
			err = cert_text_measure(&second_width, face, size_px, text + i + 1);
		if (err != 0)
			goto cleanup;
		longer = first_width > second_width ? first_width : second_width;
		if (best_width < 0 || longer < best_width) {
			best_width = longer;
			*out_split = i;
		}
	}

cleanup:
	free(copy);
	return err;
}

/*
 * Draws the course title on one line, from 44 px down to 32 px.  A title
 * still too wide is wrapped at the most even space into two lines, from
 * 40 px down.  Stores the baseline of the last line in *out_last_baseline.
 */
static int draw_course(int *out_last_baseline, struct page *page, const char *course, int baseline)
{
	FT_Face face = page->fonts.serif_bold;
	char *first = NULL;
	size_t split = 0;
	int first_size;
	int second_size;
	int size;
	int err;

	*out_last_baseline = baseline;
	err = size_fit(&size, face, course, TEXT_MAX_WIDTH, 44, 32);
	if (err != 0)
		goto cleanup;
	if (size != 0) {
		err = cert_text_draw_centred(&page->raster, face, size, course, PAGE_CENTRE_X, baseline, COLOR_NAVY);
		goto cleanup;
	}

	err = wrap_point_find(&split, face, 40, course);
	if (err != 0)
		goto cleanup;
	if (split == 0) {
		err = draw_line_fitted(page, face, course, 32, baseline, COLOR_NAVY);
		goto cleanup;
	}
	first = malloc(split + 1);
	if (first == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	memcpy(first, course, split);
	first[split] = '\0';

	/* Both lines share the size at which the wider of them fits. */
	err = size_fit(&first_size, face, first, TEXT_MAX_WIDTH, 40, TEXT_MIN_SIZE);
	if (err == 0)
		err = size_fit(&second_size, face, course + split + 1, TEXT_MAX_WIDTH, 40, TEXT_MIN_SIZE);
	if (err != 0)
		goto cleanup;
	size = first_size < second_size ? first_size : second_size;
	if (size == 0)
		size = TEXT_MIN_SIZE; /* NOTE: still too wide; the lines are clipped at the page edge. */

	baseline -= 6; /* the block grows downwards, towards the free space above the QR code */
	err = cert_text_draw_centred(&page->raster, face, size, first, PAGE_CENTRE_X, baseline, COLOR_NAVY);
	if (err != 0)
		goto cleanup;
	baseline += size * 5 / 4;
	err = cert_text_draw_centred(&page->raster, face, size, course + split + 1, PAGE_CENTRE_X, baseline,
				     COLOR_NAVY);
	*out_last_baseline = baseline;

cleanup:
	free(first);
	return err;
}

/* Draws the issuer in capitals, the ornament and the title "GIẤY CHỨNG NHẬN". */
static int draw_heading(struct page *page, const char *issuer)
{
	char *issuer_upper = NULL;
	int err;

	err = cert_utf8_upper(&issuer_upper, issuer);
	if (err != 0)
		goto cleanup;
	err = draw_line_fitted(page, page->fonts.serif_bold, issuer_upper, 28, 132, COLOR_NAVY);
	if (err != 0)
		goto cleanup;
	draw_ornament(&page->raster, 160, 150);
	err = cert_text_draw_centred(&page->raster, page->fonts.serif_bold, 72, "GIẤY CHỨNG NHẬN", PAGE_CENTRE_X,
				     250, COLOR_RED);

cleanup:
	free(issuer_upper);
	return err;
}

/* Draws the statement: label, holder's name, achievement and course title. */
static int draw_statement(struct page *page, const struct cert_claims *claims)
{
	int last_baseline;
	int err;

	err = cert_text_draw_centred(&page->raster, page->fonts.serif_regular, 30, "Chứng nhận Ông/Bà",
				     PAGE_CENTRE_X, 322, COLOR_INK);
	if (err != 0)
		return err;
	err = draw_line_fitted(page, page->fonts.serif_bold, claims->holder, 72, 410, COLOR_RED);
	if (err != 0)
		return err;
	err = cert_text_draw_centred(&page->raster, page->fonts.serif_regular, 30,
				     "đã hoàn thành khóa học và đạt yêu cầu bài kiểm tra", PAGE_CENTRE_X, 478,
				     COLOR_INK);
	if (err != 0)
		return err;
	err = draw_course(&last_baseline, page, claims->course, 552);
	if (err != 0)
		return err;
	draw_ornament(&page->raster, last_baseline + 44, 90);
	return 0;
}

/* Draws the issue date (dd/mm/yyyy) and the serial number at the bottom left. */
static int draw_details(struct page *page, const struct cert_claims *claims)
{
	char date[11];
	char line[CERT_SERIAL_MAX + 64];
	int err;

	err = cert_date_display(date, claims->issued_on);
	if (err != 0)
		return err;

	snprintf(line, sizeof line, "Ngày cấp: %s", date);
	err = cert_text_draw(&page->raster, page->fonts.serif_regular, 28, line, 150, 958, COLOR_INK);
	if (err != 0)
		return err;

	snprintf(line, sizeof line, "Số hiệu: %s", claims->serial);
	return cert_text_draw(&page->raster, page->fonts.serif_regular, 28, line, 150, 1004, COLOR_INK);
}

/*
 * Draws the QR code of the verify URL at the bottom right with its caption.
 * Fails with CERT_EQR when even 4 px modules exceed QR_MAX_SIDE.
 */
static int draw_qr(struct page *page, const char *verify_url)
{
	struct cert_qr qr = { 0, NULL };
	int modules;
	int module_px;
	int side;
	int x;
	int y;
	int err;

	err = cert_qr_encode(&qr, verify_url, strlen(verify_url));
	if (err != 0)
		goto cleanup;

	modules = qr.width + 2 * CERT_QR_QUIET_MODULES;
	module_px = QR_PREFERRED_SIDE / modules;
	if (module_px < QR_MIN_MODULE_PX)
		module_px = QR_MIN_MODULE_PX;
	if (module_px > QR_MAX_MODULE_PX)
		module_px = QR_MAX_MODULE_PX;
	side = modules * module_px;
	if (side > QR_MAX_SIDE) {
		err = CERT_EQR;
		goto cleanup;
	}

	x = QR_RIGHT - side;
	y = QR_BOTTOM - side;
	cert_raster_frame(&page->raster, x - 3, y - 3, side + 6, side + 6, 1, COLOR_GOLD);
	cert_qr_draw(&page->raster, &qr, x, y, module_px, COLOR_NAVY, COLOR_WHITE);
	err = cert_text_draw_centred(&page->raster, page->fonts.sans_regular, 20, "Quét mã để xác minh",
				     x + side / 2, QR_BOTTOM + 32, COLOR_GREY);

cleanup:
	cert_qr_free(&qr);
	return err;
}

/* Checks the render input: valid claims, a non-empty UTF-8 issuer and a non-empty verify URL. */
static int input_validate(const struct cert_render_input *in)
{
	if (in == NULL || in->claims == NULL || in->verify_url == NULL || in->issuer == NULL)
		return CERT_EINVAL;
	if (cert_claims_validate(in->claims) != 0)
		return CERT_EINVAL;
	if (in->issuer[0] == '\0' || !cert_utf8_valid(in->issuer, strlen(in->issuer)))
		return CERT_EINVAL;
	if (in->verify_url[0] == '\0')
		return CERT_EINVAL;
	return 0;
}

int cert_render_png(unsigned char **out_png, size_t *out_len, const struct cert_render_input *in)
{
	struct page page;
	int err;

	if (out_png == NULL || out_len == NULL)
		return CERT_EINVAL;
	*out_png = NULL;
	*out_len = 0;
	memset(&page, 0, sizeof page);

	err = input_validate(in);
	if (err != 0)
		goto cleanup;
	err = cert_fonts_open(&page.fonts, in->font_dir != NULL ? in->font_dir : CERT_FONT_DIR);
	if (err != 0)
		goto cleanup;
	err = cert_raster_init(&page.raster, PAGE_WIDTH, PAGE_HEIGHT, COLOR_PAPER);
	if (err != 0)
		goto cleanup;

	draw_border(&page.raster);
	err = draw_heading(&page, in->issuer);
	if (err == 0)
		err = draw_statement(&page, in->claims);
	if (err == 0)
		err = draw_details(&page, in->claims);
	if (err == 0)
		err = draw_qr(&page, in->verify_url);
	if (err != 0)
		goto cleanup;

	err = cert_png_encode(out_png, out_len, &page.raster);

cleanup:
	cert_raster_free(&page.raster);
	cert_fonts_close(&page.fonts);
	return err;
}
