/* test_text.c - Unicode input handling: validation, NFC, answer and search keys, slugs. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"
#include "text.h"

static void check_nfc(const char *input, const char *want)
{
	char *out = NULL;

	CHECK(text_nfc(&out, input, strlen(input)) == K_OK);
	CHECK_STR(out, want);
	free(out);
}

static void test_nfc(void)
{
	/* "Ánh" written with a combining acute accent (NFD) becomes precomposed. */
	check_nfc("A\xcc\x81nh", "\xc3\x81nh");
	check_nfc("Nguyễn Thị Ngọc Ánh", "Nguyễn Thị Ngọc Ánh");
	/* "ễ" as e + circumflex + tilde composes to U+1EC5. */
	check_nfc("Nguye\xcc\x82\xcc\x83n", "Nguyễn");
}

static void test_invalid_utf8(void)
{
	char *out = (char *)"unchanged";

	CHECK(text_valid_utf8("\xc3\x28", 2) == 0);
	CHECK(text_valid_utf8("a\0b", 3) == 0);
	CHECK(text_valid_utf8("\xed\xa0\x80", 3) == 0); /* a UTF-16 surrogate */
	CHECK(text_valid_utf8("Đặng", strlen("Đặng")) == 1);
	CHECK(text_nfc(&out, "\xff", 1) == K_EINVAL);
	CHECK(out == NULL);
}

static void test_answer_key(void)
{
	char *a = NULL, *b = NULL, *c = NULL;

	const char *spaced = "  Trí  Tuệ\tNhân tạo ";

	CHECK(text_answer_key(&a, spaced, strlen(spaced)) == K_OK);
	CHECK_STR(a, "trí tuệ nhân tạo");
	CHECK(text_answer_key(&b, "TRÍ TUỆ NHÂN TẠO", strlen("TRÍ TUỆ NHÂN TẠO")) == K_OK);
	CHECK_STR(b, a);
	/* Diacritics change a Vietnamese word, so they must still differ. */
	CHECK(text_answer_key(&c, "tri tue nhan tao", 16) == K_OK);
	CHECK(strcmp(a, c) != 0);
	free(a);
	free(b);
	free(c);
}

static void test_search_key(void)
{
	char *key = NULL;

	CHECK(text_search_key(&key, "Đặng Hữu Phước", strlen("Đặng Hữu Phước")) == K_OK);
	CHECK_STR(key, "dang huu phuoc");
	free(key);
	CHECK(text_search_key(&key, "ĐÀ NẴNG", strlen("ĐÀ NẴNG")) == K_OK);
	CHECK_STR(key, "da nang");
	free(key);
}

static void test_slugify(void)
{
	char slug[32];

	CHECK(text_slugify(slug, sizeof(slug), "Trí tuệ nhân tạo là gì?") == K_OK);
	CHECK_STR(slug, "tri-tue-nhan-tao-la-gi");
	CHECK(text_slugify(slug, sizeof(slug), "  Đường   dẫn -- Một  ") == K_OK);
	CHECK_STR(slug, "duong-dan-mot");
	CHECK(text_slugify(slug, sizeof(slug), "???") == K_EINVAL);
	CHECK(text_slugify(slug, 8, "một chuỗi rất dài") == K_EINVAL);
}

int main(void)
{
	test_nfc();
	test_invalid_utf8();
	test_answer_key();
	test_search_key();
	test_slugify();
	return check_summary("text");
}
