/* fuzz_quizparse.c - libFuzzer target: front matter split and test parsing of arbitrary files. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "frontmatter.h"
#include "quizparse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct document doc;
	struct diag diag = {0};
	struct quiz quiz;
	char *text = malloc(size + 1);

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	if (document_parse(&doc, "fuzz.quiz.md", text, size, &diag) == 0) {
		quiz_parse(&quiz, "fuzz.quiz.md", doc.meta, doc.body, doc.body_len, doc.body_line,
			   70, NULL, NULL, &diag);
		quiz_free(&quiz);
	}
	document_free(&doc);
	diag_free(&diag);
	free(text);
	return 0;
}
