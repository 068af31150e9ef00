/* test_http.c - CGI request parsing: form and cookie decoding, body length, limits, redirects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "err.h"
#include "http.h"

static void test_form_decoding(void)
{
	struct http_params p = {0};
	const char *form = "name=Nguy%E1%BB%85n+Th%E1%BB%8B&q12=1&q12=3&empty=&flag";

	CHECK(http_params_parse(&p, form, strlen(form), '&') == K_OK);
	CHECK_STR(http_param(&p, "name"), "Nguyễn Thị");
	CHECK_STR(http_param(&p, "q12"), "1");
	CHECK(p.count == 5);
	CHECK_STR(http_param(&p, "empty"), "");
	CHECK_STR(http_param(&p, "flag"), "");
	CHECK(http_param(&p, "absent") == NULL);
	http_params_free(&p);
}

static void test_form_normalises_nfc(void)
{
	struct http_params p = {0};
	const char *form = "name=A%CC%81nh"; /* A + combining acute */

	CHECK(http_params_parse(&p, form, strlen(form), '&') == K_OK);
	CHECK_STR(http_param(&p, "name"), "Ánh");
	http_params_free(&p);
}

static void test_form_rejects_bad_input(void)
{
	struct http_params p = {0};

	CHECK(http_params_parse(&p, "a=%ZZ", 5, '&') == K_EINVAL);
	http_params_free(&p);
	CHECK(http_params_parse(&p, "a=%C3%28", 8, '&') == K_EINVAL);
	http_params_free(&p);
	CHECK(http_params_parse(&p, "a=%00", 5, '&') == K_EINVAL);
	http_params_free(&p);
	CHECK(http_params_parse(&p, "a=%4", 4, '&') == K_EINVAL);
	http_params_free(&p);
}

static void test_param_limit(void)
{
	struct http_params p = {0};
	char *many = malloc(HTTP_MAX_PARAMS * 4 + 16);
	size_t n = 0;

	for (int i = 0; i <= HTTP_MAX_PARAMS; i++)
		n += (size_t)sprintf(many + n, "a=1&");
	CHECK(http_params_parse(&p, many, n, '&') == K_ETOOBIG);
	http_params_free(&p);
	free(many);
}

static void test_cookies(void)
{
	struct http_params p = {0};
	const char *header = "theme=dark;  khoa_session=abc123 ; other=x=y";

	CHECK(http_params_parse(&p, header, strlen(header), ';') == K_OK);
	CHECK_STR(http_param(&p, "khoa_session"), "abc123");
	CHECK_STR(http_param(&p, "other"), "x=y");
	http_params_free(&p);
}

static void test_ids(void)
{
	CHECK(http_parse_id("42") == 42);
	CHECK(http_parse_id("0") == 0);
	CHECK(http_parse_id("-1") == 0);
	CHECK(http_parse_id("12abc") == 0);
	CHECK(http_parse_id("99999999999999999999") == 0);
	CHECK(http_parse_id(NULL) == 0);
}

static void test_safe_redirect(void)
{
	CHECK(http_safe_redirect("/cgi-bin/account") == 1);
	CHECK(http_safe_redirect("//evil.example/") == 0);
	CHECK(http_safe_redirect("/\\evil.example/") == 0);
	CHECK(http_safe_redirect("https://evil.example/") == 0);
	CHECK(http_safe_redirect("/a\r\nSet-Cookie: x=1") == 0);
	CHECK(http_safe_redirect(NULL) == 0);
}

static void test_cookie_header(void)
{
	char line[256];

	CHECK(http_cookie_header(line, sizeof(line), "khoa_session", "v", 3600, 1) == K_OK);
	CHECK(strstr(line, "HttpOnly") != NULL);
	CHECK(strstr(line, "SameSite=Lax") != NULL);
	CHECK(strstr(line, "Secure") != NULL);
	CHECK(strstr(line, "Max-Age=3600") != NULL);
	CHECK(http_cookie_header(line, sizeof(line), "khoa_session", "v", 3600, 0) == K_OK);
	CHECK(strstr(line, "Secure") == NULL);
	CHECK(http_cookie_header(line, 16, "khoa_session", "v", 0, 0) == K_EINVAL);
}

/* Runs http_request_read on a POST with this CONTENT_LENGTH (NULL: unset)
 * and an empty standard input, and returns its result. */
static int read_post(const char *length)
{
	struct http_request req;
	int rc;

	setenv("REQUEST_METHOD", "POST", 1);
	setenv("CONTENT_TYPE", "application/x-www-form-urlencoded", 1);
	if (length)
		setenv("CONTENT_LENGTH", length, 1);
	else
		unsetenv("CONTENT_LENGTH");
	rc = http_request_read(&req, HTTP_MAX_BODY);
	http_request_free(&req);
	return rc;
}

static void test_content_length_not_decimal(void)
{
	CHECK(read_post("-1") == K_EINVAL);
	CHECK(read_post("+5") == K_EINVAL);
	CHECK(read_post(" 5") == K_EINVAL);
	CHECK(read_post("5 ") == K_EINVAL);
	CHECK(read_post("") == K_EINVAL);
	CHECK(read_post("0x10") == K_EINVAL);
	CHECK(read_post("12abc") == K_EINVAL);
}

static void test_content_length_too_big(void)
{
	CHECK(read_post("300000") == K_ETOOBIG);
	CHECK(read_post("262145") == K_ETOOBIG);
	CHECK(read_post("99999999999999999999999999") == K_ETOOBIG);
}

static void test_content_length_empty_body(void)
{
	CHECK(read_post(NULL) == K_OK);
	CHECK(read_post("0") == K_OK);
	CHECK(read_post("000") == K_OK);
}

static void test_content_length_reads_body(void)
{
	static const char body[] = "csrf=abc&name=Nguy%E1%BB%85n";
	struct http_request req;
	char path[] = "/tmp/khoa-test-http-XXXXXX";
	int fd = mkstemp(path);
	char length[16];

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, body, sizeof(body) - 1) == (ssize_t)(sizeof(body) - 1));
	close(fd);
	CHECK(freopen(path, "rb", stdin) != NULL);
	snprintf(length, sizeof(length), "%zu", sizeof(body) - 1);
	setenv("REQUEST_METHOD", "POST", 1);
	setenv("CONTENT_TYPE", "application/x-www-form-urlencoded", 1);
	setenv("CONTENT_LENGTH", length, 1);
	CHECK(http_request_read(&req, HTTP_MAX_BODY) == K_OK);
	CHECK_STR(http_param(&req.form, "csrf"), "abc");
	CHECK_STR(http_param(&req.form, "name"), "Nguyễn");
	http_request_free(&req);
	unlink(path);
}

static void test_base_url_https(void)
{
	CHECK(http_base_url_is_https("https://daotao.example.gov.vn") == 1);
	CHECK(http_base_url_is_https("HTTPS://daotao.example.gov.vn") == 1);
	CHECK(http_base_url_is_https("http://127.0.0.1:8080") == 0);
	CHECK(http_base_url_is_https("") == 0);
	CHECK(http_base_url_is_https(NULL) == 0);
}

int main(void)
{
	test_form_decoding();
	test_form_normalises_nfc();
	test_form_rejects_bad_input();
	test_param_limit();
	test_cookies();
	test_ids();
	test_safe_redirect();
	test_cookie_header();
	test_base_url_https();

	/* The request tests read the CGI environment: start from a clean one. */
	unsetenv("QUERY_STRING");
	unsetenv("HTTP_COOKIE");
	if (freopen("/dev/null", "rb", stdin) == NULL)
		perror("/dev/null");
	test_content_length_not_decimal();
	test_content_length_too_big();
	test_content_length_empty_body();
	test_content_length_reads_body();
	return check_summary("http");
}
