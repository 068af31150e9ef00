/* test_quizparse.c - tests written in Markdown: question types, keys and editor errors. */
#include <string.h>

#include "check.h"
#include "diag.h"
#include "err.h"
#include "msg.h"
#include "quizparse.h"

static const char good_quiz[] =
	"Đọc kỹ câu hỏi trước khi trả lời.\n"           /* line 5 */
	"\n"
	"## AI tạo sinh là gì?\n"                       /* line 7 */
	"\n"
	"Chủ đề: Khái niệm cơ bản\n"
	"\n"
	"- [ ] Một cơ sở dữ liệu\n"
	"- [x] Hệ thống tạo ra nội dung mới\n"
	"- [ ] Một máy in\n"
	"\n"
	"> Giải thích: AI tạo sinh tạo ra văn bản, hình ảnh.\n"
	"\n"
	"## Chọn các thông tin mật\n"                   /* line 17 */
	"\n"
	"Chủ đề: Bảo mật dữ liệu\n"
	"Loại: nhiều lựa chọn\n"
	"Điểm: 2\n"
	"\n"
	"- [x] Văn bản mật\n"
	"- [ ] Tin đã công bố\n"
	"- [x] Số định danh cá nhân\n"
	"\n"
	"## Kết quả AI luôn đúng.\n"
	"\n"
	"Chủ đề: Kiểm chứng kết quả\n"
	"Loại: đúng sai\n"
	"Đáp án: Sai\n"
	"\n"
	"## Viết tắt của trí tuệ nhân tạo?\n"
	"\n"
	"topic: Khái niệm cơ bản\n"
	"type: short\n"
	"answer: AI |  A.I.  | \n";

static json_t *settings(void)
{
	return json_pack("{s:s, s:i, s:i, s:b}", "title", "Kiểm tra", "time_limit", 20,
			 "max_attempts", 3, "shuffle", 0);
}

static int parse(struct quiz *q, struct diag *d, json_t *meta, const char *body)
{
	int rc = quiz_parse(q, "c/kiem-tra.quiz.md", meta, body, strlen(body), 5, 70, NULL, NULL, d);

	json_decref(meta);
	return rc;
}

static void test_question_types(void)
{
	struct quiz q;
	struct diag d = {0};

	CHECK(parse(&q, &d, settings(), good_quiz) == K_OK);
	CHECK(d.errors == 0);
	CHECK(q.count == 4);
	CHECK(q.time_limit_minutes == 20);
	CHECK(q.max_attempts == 3);
	CHECK(q.pass_percent == 70);
	CHECK(q.shuffle == 0);
	CHECK(strstr(buf_cstr(&q.rules_html), "Đọc kỹ") != NULL);

	CHECK(q.questions[0].type == QUESTION_SINGLE);
	CHECK(q.questions[0].line == 7);
	CHECK_STR(q.questions[0].topic, "Khái niệm cơ bản");
	CHECK(q.questions[0].option_count == 3);
	CHECK(q.questions[0].options[1].correct == 1);
	CHECK(q.questions[0].options[0].correct == 0);
	CHECK_STR(q.questions[0].options[1].html, "Hệ thống tạo ra nội dung mới");
	CHECK(strstr(buf_cstr(&q.questions[0].feedback_html), "Giải thích") != NULL);
	CHECK(strstr(buf_cstr(&q.questions[0].stem_html), "AI tạo sinh là gì?") != NULL);

	CHECK(q.questions[1].type == QUESTION_MULTIPLE);
	CHECK(q.questions[1].points == 2);
	CHECK(q.questions[1].line == 17);

	CHECK(q.questions[2].type == QUESTION_TRUEFALSE);
	CHECK_STR(q.questions[2].answer, "false");

	CHECK(q.questions[3].type == QUESTION_SHORT);
	CHECK_STR(q.questions[3].answer, "AI\nA.I.");
	quiz_free(&q);
	diag_free(&d);
}

/* Each broken body must fail with this message at this line. */
static void check_error(const char *body, const char *want)
{
	struct quiz q;
	struct diag d = {0};

	CHECK(parse(&q, &d, settings(), body) == K_EPARSE);
	if (strstr(buf_cstr(&d.text), want) == NULL)
		fprintf(stderr, "want \"%s\" in:\n%s", want, buf_cstr(&d.text));
	CHECK(strstr(buf_cstr(&d.text), want) != NULL);
	quiz_free(&q);
	diag_free(&d);
}

static void test_editor_errors(void)
{
	check_error("## Câu hỏi\n\n- [x] a\n- [ ] b\n",
		    "c/kiem-tra.quiz.md:5: error: the question has no topic");
	check_error("## Câu hỏi\n\nChủ đề: A\nLoại: một lựa chọn\n\n- [x] a\n- [x] b\n",
		    ":5: error: a single-choice question needs exactly one correct");
	check_error("## Câu hỏi\n\nChủ đề: A\n\n- [ ] a\n- [ ] b\n",
		    "exactly one correct option");
	check_error("## Câu hỏi\n\nChủ đề: A\n\n- a\n- [x] b\n",
		    ":9: error: an option must start with \"[ ]\"");
	check_error("## Câu hỏi\n\nChủ đề: A\nLoại: tự luận\n",
		    ":8: error: unknown question type \"tự luận\"");
	check_error("## Câu hỏi\n\nChủ đề: A\nLoại: đúng sai\nĐáp án: có lẽ\n",
		    "needs \"Đáp án: đúng\" or \"Đáp án: sai\"");
	check_error("## Câu hỏi\n\nChủ đề: A\nLoại: điền từ\n",
		    "a short-answer question needs \"Đáp án:\"");
	check_error("## Câu hỏi\n\nChủ đề: A\nĐiểm: nhiều\n\n- [x] a\n- [ ] b\n",
		    ":8: error: points must be a whole number");
	check_error("## Câu hỏi\n\nChủ đề: A\nghi chú lạc\n\n- [x] a\n- [ ] b\n",
		    ":8: error: expected a \"Key: value\" line");
	check_error("Chỉ có phần giới thiệu.\n", "the test has no questions");
	check_error("## Câu hỏi\n\nChủ đề: A\n\n- [x] a\n\n", "needs at least two options");
	check_error("## Câu hỏi\n\nChủ đề: A\n\n- a\n\n1. [x] b\n2. [ ] c\n",
		    ":11: error: the question already has its options");
}

static void test_settings_errors(void)
{
	struct quiz q;
	struct diag d = {0};

	CHECK(parse(&q, &d, json_pack("{s:s, s:i}", "title", "T", "pass_score", 150), good_quiz) == K_EPARSE);
	CHECK(strstr(buf_cstr(&d.text), "\"pass_score:\" must be a whole number from 1 to 100") != NULL);
	quiz_free(&q);
	diag_free(&d);

	CHECK(parse(&q, &d, json_pack("{s:i}", "time_limit", 5), good_quiz) == K_EPARSE);
	CHECK(strstr(buf_cstr(&d.text), "no \"title:\" field") != NULL);
	quiz_free(&q);
	diag_free(&d);
}

static void test_vietnamese_messages(void)
{
	struct quiz q;
	struct diag d = {0};

	msg_set_language("vi");
	CHECK(parse(&q, &d, settings(), "## Câu hỏi\n\n- [x] a\n- [ ] b\n") == K_EPARSE);
	CHECK(strstr(buf_cstr(&d.text), "c/kiem-tra.quiz.md:5: lỗi: câu hỏi chưa có chủ đề") != NULL);
	quiz_free(&q);
	diag_free(&d);
	msg_set_language("en");
}

int main(void)
{
	/* The checks below compare the English messages. */
	msg_set_language("en");
	test_vietnamese_messages();
	test_question_types();
	test_editor_errors();
	test_settings_errors();
	return check_summary("quizparse");
}
