/* fuzz_tpl.c - libFuzzer target: compile arbitrary template text and render it. */
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "tpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tpl_set *set = NULL;
	struct buf out = BUF_INIT, errors = BUF_INIT;
	json_t *context = json_pack("{s:s, s:[i, i], s:{s:s}}", "name", "Ánh", "items", 1, 2,
				    "user", "full_name", "<b>");

	if (tpl_set_new(&set) == 0 &&
	    tpl_set_add(set, "t", "fuzz.html", (const char *)data, size, &errors) == 0)
		tpl_render(&out, set, "t", context);
	tpl_set_free(set);
	json_decref(context);
	buf_free(&out);
	buf_free(&errors);
	return 0;
}
