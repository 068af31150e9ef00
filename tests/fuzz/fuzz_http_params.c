/*
 * fuzz_http_params.c - libFuzzer target for http_params_parse (lib/http.c).
 *
 * Every input is parsed twice, as a query string or form body ('&') and as
 * a Cookie header (';'). Whatever the parser accepts must respect what
 * http.h promises to the CGI programs: at most HTTP_MAX_PARAMS fields, and
 * every name non-empty, every name and value valid UTF-8, NUL-free and in
 * NFC (normalising again changes nothing). A rejected input must still free
 * cleanly.
 *
 * Build: clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -fsanitize=fuzzer,address,undefined -Ilib \
 *          lib/http.c lib/text.c tests/fuzz/fuzz_http_params.c \
 *          $(pkg-config --cflags --libs libutf8proc) -o fuzz_http_params
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "http.h"
#include "text.h"

/* Stops the run when s breaks the promise of http.h. */
static void check_text(const char *s)
{
	char *nfc = NULL;
	size_t len;

	if (s == NULL)
		abort();
	len = strlen(s);
	if (!text_valid_utf8(s, len))
		abort();
	if (text_nfc(&nfc, s, len) != K_OK)
		abort();
	if (strcmp(nfc, s) != 0)
		abort();
	free(nfc);
}

static void parse_and_check(const char *s, size_t len, char sep)
{
	struct http_params params = {0};
	size_t i;
	int rc = http_params_parse(&params, s, len, sep);

	if (params.count > HTTP_MAX_PARAMS)
		abort();
	if (rc == K_OK) {
		for (i = 0; i < params.count; i++) {
			check_text(params.items[i].name);
			check_text(params.items[i].value);
			if (params.items[i].name[0] == '\0')
				abort();
		}
		if (params.count > 0 && http_param(&params, params.items[0].name) != params.items[0].value)
			abort();
	}
	http_params_free(&params);
	if (params.items != NULL || params.count != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy without a terminating NUL, so reading past size is caught. */
	char *s = malloc(size ? size : 1);

	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	parse_and_check(s, size, '&');
	parse_and_check(s, size, ';');
	free(s);
	return 0;
}
