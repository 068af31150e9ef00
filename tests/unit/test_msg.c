/* test_msg.c - the message catalogue: Vietnamese by default, same printf conversions. */
#include <string.h>

#include "check.h"
#include "msg.h"

/* Copies the conversion specifications of a printf format ("%s%d%%") into out. */
static void conversions(char *out, size_t size, const char *format)
{
	size_t n = 0;

	for (const char *p = format; *p && n + 4 < size; p++) {
		if (*p != '%')
			continue;
		out[n++] = '%';
		p++;
		while (*p && strchr("0123456789.-+ #lhzjt", *p)) /* flags, width, length */
			out[n++] = *p++;
		if (*p)
			out[n++] = *p;
		else
			break;
	}
	out[n] = '\0';
}

static void test_conversions_match(void)
{
	size_t count;
	const struct msg_entry *entries = msg_catalogue(&count);
	char en[64], vi[64];

	CHECK(count > 40);
	for (size_t i = 0; i < count; i++) {
		conversions(en, sizeof(en), entries[i].en);
		conversions(vi, sizeof(vi), entries[i].vi);
		CHECK_STR(vi, en);
		for (size_t k = i + 1; k < count; k++)
			CHECK(strcmp(entries[i].en, entries[k].en) != 0);
	}
}

static void test_language_choice(void)
{
	msg_set_language("vi");
	CHECK_STR(msg_text("error"), "lỗi");
	CHECK_STR(msg_text("warning"), "cảnh báo");
	CHECK_STR(msg_text("a message with no entry"), "a message with no entry");
	msg_set_language("en");
	CHECK_STR(msg_text("error"), "error");
	msg_set_language("vi");
}

int main(void)
{
	test_conversions_match();
	test_language_choice();
	return check_summary("msg");
}
