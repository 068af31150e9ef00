/* cert_qr.c - the verify URL as a QR code (libqrencode), drawn into the raster. */
#include "cert.h"
#include "cert_internal.h"

#include <errno.h>
#include <limits.h>
#include <qrencode.h>
#include <stdlib.h>

int cert_qr_encode(struct cert_qr *qr, const char *data, size_t len)
{
	QRcode *code = NULL;
	size_t count;
	size_t i;
	int err = 0;

	qr->width = 0;
	qr->modules = NULL;
	if (data == NULL || len == 0 || len > INT_MAX)
		return CERT_EINVAL;

	/* QRcode_encodeData uses byte mode for the whole input; version 0 picks the smallest that fits. */
	code = QRcode_encodeData((int)len, (const unsigned char *)data, 0, QR_ECLEVEL_M);
	if (code == NULL) {
		err = errno == ENOMEM ? CERT_ENOMEM : CERT_EQR; /* ERANGE: data too large for version 40 */
		goto cleanup;
	}

	count = (size_t)code->width * (size_t)code->width;
	qr->modules = malloc(count);
	if (qr->modules == NULL) {
		err = CERT_ENOMEM;
		goto cleanup;
	}
	/* Bit 0 of each libqrencode byte is the module colour; the other bits describe its role. */
	for (i = 0; i < count; i++)
		qr->modules[i] = code->data[i] & 1u;
	qr->width = code->width;

cleanup:
	if (code != NULL)
		QRcode_free(code);
	return err;
}

void cert_qr_free(struct cert_qr *qr)
{
	free(qr->modules);
	qr->modules = NULL;
	qr->width = 0;
}

void cert_qr_draw(struct cert_raster *raster, const struct cert_qr *qr, int x, int y, int module_px,
		  struct cert_rgb dark, struct cert_rgb light)
{
	int side = (qr->width + 2 * CERT_QR_QUIET_MODULES) * module_px;
	int origin_x = x + CERT_QR_QUIET_MODULES * module_px;
	int origin_y = y + CERT_QR_QUIET_MODULES * module_px;
	int row;
	int col;

	cert_raster_fill_rect(raster, x, y, side, side, light);
	for (row = 0; row < qr->width; row++) {
		for (col = 0; col < qr->width; col++) {
			if (qr->modules[(size_t)row * (size_t)qr->width + (size_t)col] == 0)
				continue;
			cert_raster_fill_rect(raster, origin_x + col * module_px, origin_y + row * module_px,
					      module_px, module_px, dark);
		}
	}
}
