/* test_tpl.c - the Mustache-subset template engine: tags, sections, escaping, errors. */
#include <string.h>

#include "buf.h"
#include "check.h"
#include "err.h"
#include "tpl.h"

static struct tpl_set *set;

/* Compiles src as "t" and renders it over the JSON text data. */
static void check_render(const char *src, const char *data, const char *want)
{
	struct buf out = BUF_INIT;
	json_t *value = json_loads(data, 0, NULL);

	CHECK(value != NULL);
	CHECK(tpl_set_add(set, "t", "t.html", src, strlen(src), NULL) == K_OK);
	CHECK(tpl_render(&out, set, "t", value) == K_OK);
	CHECK_STR(buf_cstr(&out), want);
	json_decref(value);
	buf_free(&out);
}

static void check_syntax_error(const char *src, const char *want_message)
{
	struct buf errors = BUF_INIT;

	CHECK(tpl_set_add(set, "bad", "bad.html", src, strlen(src), &errors) == K_EPARSE);
	CHECK(strstr(buf_cstr(&errors), want_message) != NULL);
	buf_free(&errors);
}

static void test_variables(void)
{
	check_render("Xin chào {{name}}!", "{\"name\": \"Ánh\"}", "Xin chào Ánh!");
	check_render("{{a.b.c}}", "{\"a\": {\"b\": {\"c\": 7}}}", "7");
	check_render("[{{missing}}]", "{}", "[]");
	check_render("{{x}}|{{{x}}}|{{&x}}", "{\"x\": \"<b>&'\\\"\"}",
		     "&lt;b&gt;&amp;&#39;&quot;|<b>&'\"|<b>&'\"");
}

static void test_sections(void)
{
	check_render("{{#items}}<{{.}}>{{/items}}", "{\"items\": [1, 2, 3]}", "<1><2><3>");
	check_render("{{#items}}{{name}}{{/items}}{{^items}}none{{/items}}", "{\"items\": []}", "none");
	check_render("{{#user}}{{name}} of {{site}}{{/user}}",
		     "{\"user\": {\"name\": \"An\"}, \"site\": \"Khoa\"}", "An of Khoa");
	check_render("{{#n}}yes{{/n}}{{^n}}no{{/n}}", "{\"n\": 0}", "no");
	check_render("{{#s}}yes{{/s}}", "{\"s\": \"\"}", "");
	check_render("{{! a comment }}ok", "{}", "ok");
}

static void test_partials(void)
{
	const char *partial = "<i>{{name}}</i>";

	CHECK(tpl_set_add(set, "p", "p.html", partial, strlen(partial), NULL) == K_OK);
	check_render("{{#people}}{{>p}}{{/people}}", "{\"people\": [{\"name\": \"A\"}, {\"name\": \"B\"}]}",
		     "<i>A</i><i>B</i>");
}

static void test_recursion_bounded(void)
{
	const char *loop = "{{>loop}}";
	struct buf out = BUF_INIT;
	json_t *data = json_object();

	CHECK(tpl_set_add(set, "loop", "loop.html", loop, strlen(loop), NULL) == K_OK);
	CHECK(tpl_render(&out, set, "loop", data) == K_EINVAL);
	CHECK(tpl_render(&out, set, "absent", data) == K_ENOTFOUND);
	json_decref(data);
	buf_free(&out);
}

static void test_syntax_errors(void)
{
	check_syntax_error("a\n{{#open}}b", "bad.html:2: section is not closed: open");
	check_syntax_error("{{#a}}{{/b}}", "closing tag does not match");
	check_syntax_error("{{/a}}", "closing tag without an open section");
	check_syntax_error("x {{name", "bad.html:1: tag is not closed");
	check_syntax_error("{{na me}}", "invalid tag name");
}

int main(void)
{
	CHECK(tpl_set_new(&set) == K_OK);
	test_variables();
	test_sections();
	test_partials();
	test_recursion_bounded();
	test_syntax_errors();
	tpl_set_free(set);
	return check_summary("tpl");
}
