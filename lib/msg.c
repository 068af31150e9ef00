/* msg.c - English message formats and their Vietnamese translations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"

/* Every Vietnamese format has the same conversions, in the same order, as
 * its English key; test_msg checks this. */
static const struct msg_entry catalogue[] = {
	/* levels and summaries */
	{"error", "lỗi"},
	{"warning", "cảnh báo"},
	{"khoa: built %s from %s (%d errors, %d warnings)\n",
	 "khoa: đã dựng %s từ %s (%d lỗi, %d cảnh báo)\n"},
	{"khoa: the build failed (see the messages above); the site was not changed\n",
	 "khoa: dựng trang không thành công (xem các thông báo ở trên); trang web được giữ nguyên\n"},

	/* repository, site.yml, files */
	{"cannot write the catalogue; the site was not replaced",
	 "không ghi được danh mục vào cơ sở dữ liệu; trang web chưa được thay thế"},
	{"cannot read the file from the repository", "không đọc được tệp từ kho nội dung"},
	{"cannot render the page %s: %s", "không tạo được trang %s: %s"},
	{"missing: the repository needs a site.yml at its root",
	 "thiếu tệp: kho nội dung cần có tệp site.yml ở thư mục gốc"},
	{"the site needs a \"title:\"", "tệp site.yml cần có trường \"title:\" (tên trang)"},
	{"\"categories:\" must be a list of {slug, title}",
	 "trường \"categories:\" phải là danh sách các mục {slug, title}"},
	{"category %zu needs both \"slug:\" and \"title:\"",
	 "danh mục thứ %zu cần có cả \"slug:\" và \"title:\""},
	{"the %s file \"%s\" is not in the repository",
	 "tệp %s \"%s\" không có trong kho nội dung"},
	{"the %s file \"%s\" must be under assets/",
	 "tệp %s \"%s\" phải nằm trong thư mục assets/"},
	{"the file \"%s\" named in \"%s:\" is not in the repository",
	 "tệp \"%s\" khai báo ở trường \"%s:\" không có trong kho nội dung"},
	{"the file name must be NN-name.md with lowercase letters a-z, digits and '-' only",
	 "tên tệp phải có dạng NN-ten-bai.md, chỉ gồm chữ thường không dấu a-z, chữ số và dấu '-'"},
	{"the file name must be name.quiz.md with lowercase letters a-z, digits and '-' only",
	 "tên tệp phải có dạng ten-bai.quiz.md, chỉ gồm chữ thường không dấu a-z, chữ số và dấu '-'"},
	{"the file name must use lowercase letters a-z, digits and '-' only",
	 "tên tệp chỉ được gồm chữ thường không dấu a-z, chữ số và dấu '-'"},
	{"the course folder name must use lowercase letters a-z, digits and '-' only",
	 "tên thư mục khóa học chỉ được gồm chữ thường không dấu a-z, chữ số và dấu '-'"},
	{"another file of this course has the address \"%s\"",
	 "một tệp khác của khóa học đã dùng địa chỉ \"%s\""},
	{"\"status:\" must be published or draft, not \"%s\"",
	 "trường \"status:\" phải là published hoặc draft, không phải \"%s\""},
	{"the category \"%s\" is not listed in site.yml",
	 "danh mục \"%s\" chưa được khai báo trong site.yml"},

	/* front matter and YAML */
	{"the file is not valid UTF-8 text; save it as UTF-8",
	 "tệp không phải văn bản UTF-8 hợp lệ; xin lưu lại tệp với bảng mã UTF-8"},
	{"the front matter must be a list of \"key: value\" lines",
	 "phần thông tin đầu tệp phải gồm các dòng \"tên: giá trị\""},
	{"the front matter opened by \"---\" is not closed by a \"---\" line",
	 "phần thông tin đầu tệp mở bằng \"---\" nhưng chưa có dòng \"---\" để đóng"},
	{"the front matter has no \"%s:\" field", "phần thông tin đầu tệp thiếu trường \"%s:\""},
	{"the field \"%s:\" must be non-empty text",
	 "trường \"%s:\" phải là văn bản, không được để trống"},
	{"the field \"%s:\" must be a whole number from %lld to %lld",
	 "trường \"%s:\" phải là số nguyên từ %lld đến %lld"},
	{"the field \"%s:\" must be true or false", "trường \"%s:\" phải là true hoặc false"},
	{"the field \"%s:\" is longer than %d bytes; shorten it",
	 "trường \"%s:\" dài quá %d byte; xin rút gọn"},
	{"%s:%d: invalid YAML: %s%s%s\n", "%s:%d: phần YAML không hợp lệ: %s%s%s\n"},
	{"%s:%d: the key \"%s\" appears twice; keep one\n",
	 "%s:%d: trường \"%s\" xuất hiện hai lần; xin giữ lại một\n"},
	{"%s:%d: YAML is nested too deeply\n", "%s:%d: phần YAML lồng nhau quá sâu\n"},
	{"%s: cannot open: %s\n", "%s: không mở được tệp: %s\n"},

	/* Markdown from other site generators, links */
	{"kramdown attribute lists such as \"{: .class}\" are not supported and will be "
	 "shown as text; remove the line",
	 "cú pháp thuộc tính kramdown như \"{: .class}\" không được hỗ trợ và sẽ hiện "
	 "nguyên văn trên trang; xin xóa dòng này"},
	{"Liquid tags such as \"{%% include %%}\" are not supported and will be shown as "
	 "text; remove them",
	 "thẻ Liquid như \"{%% include %%}\" không được hỗ trợ và sẽ hiện nguyên văn trên "
	 "trang; xin xóa các thẻ này"},
	{"raw HTML is not shown on the page; write it in Markdown instead",
	 "mã HTML viết trực tiếp sẽ không hiển thị trên trang; xin viết bằng Markdown"},
	{"the link target \"%s\" is not in the repository",
	 "liên kết tới \"%s\" không có trong kho nội dung"},
	{"the link target \"%s\" is not a published page",
	 "liên kết tới \"%s\" không phải là trang được xuất bản"},
	{"the file \"%s\" is not published; put it under assets/ or a course folder",
	 "tệp \"%s\" không được xuất bản; xin đặt tệp trong thư mục assets/ hoặc thư mục "
	 "của khóa học"},

	/* tests */
	{"unknown question type \"%s\"; use một lựa chọn, nhiều lựa chọn, đúng sai or điền từ",
	 "loại câu hỏi \"%s\" không hợp lệ; xin dùng một trong các loại: một lựa chọn, "
	 "nhiều lựa chọn, đúng sai, điền từ"},
	{"points must be a whole number from 1 to 100, not \"%s\"",
	 "điểm phải là số nguyên từ 1 đến 100, không phải \"%s\""},
	{"expected a \"Key: value\" line (Chủ đề, Loại, Điểm or Đáp án) in the question's "
	 "settings, found \"%s\"",
	 "phần thiết lập câu hỏi chỉ gồm các dòng \"Tên: giá trị\" (Chủ đề, Loại, Điểm "
	 "hoặc Đáp án), nhưng có dòng \"%s\""},
	{"the question already has its options; start the next question with a \"## \" heading",
	 "câu hỏi này đã có danh sách phương án; xin bắt đầu câu hỏi tiếp theo bằng dòng "
	 "tiêu đề \"## \""},
	{"a question may have at most 10 options", "mỗi câu hỏi có tối đa 10 phương án"},
	{"an option must start with \"[ ]\" (wrong) or \"[x]\" (correct)",
	 "mỗi phương án phải bắt đầu bằng \"[ ]\" (sai) hoặc \"[x]\" (đúng)"},
	{"a true/false question needs \"Đáp án: đúng\" or \"Đáp án: sai\"",
	 "câu hỏi đúng sai cần có dòng \"Đáp án: đúng\" hoặc \"Đáp án: sai\""},
	{"a short-answer question needs \"Đáp án:\" with the accepted answers separated by \" | \"",
	 "câu hỏi điền từ cần có dòng \"Đáp án:\" liệt kê các đáp án được chấp nhận, cách "
	 "nhau bằng \" | \""},
	{"a choice question needs at least two options written as \"- [ ] text\" or \"- [x] text\"",
	 "câu hỏi lựa chọn cần ít nhất hai phương án, viết dạng \"- [ ] nội dung\" hoặc "
	 "\"- [x] nội dung\""},
	{"a single-choice question needs exactly one correct option marked \"[x]\"",
	 "câu hỏi một lựa chọn phải có đúng một phương án đúng, đánh dấu \"[x]\""},
	{"a multiple-choice question needs at least one correct option marked \"[x]\"",
	 "câu hỏi nhiều lựa chọn cần ít nhất một phương án đúng, đánh dấu \"[x]\""},
	{"the question has no topic; add a line \"Chủ đề: ...\" so that reports can group "
	 "results by topic",
	 "câu hỏi chưa có chủ đề; xin thêm dòng \"Chủ đề: ...\" để báo cáo tổng hợp được "
	 "kết quả theo chủ đề"},
	{"a true/false or short-answer question takes \"Đáp án:\" instead of a list of options",
	 "câu hỏi đúng sai hoặc điền từ dùng dòng \"Đáp án:\", không dùng danh sách phương án"},
	{"\"review:\" must be none or after_passing, not \"%s\"",
	 "trường \"review:\" phải là none hoặc after_passing, không phải \"%s\""},
	{"the test has no questions; start each question with a \"## \" heading",
	 "bài kiểm tra chưa có câu hỏi nào; mỗi câu hỏi bắt đầu bằng dòng tiêu đề \"## \""},

	/* khoa init and khoa user add */
	{"Created the certificate signing key in %s\n", "Đã tạo khóa ký giấy chứng nhận tại %s\n"},
	{"Created the administrator account.\n"
	 "  user name: admin\n"
	 "  one-time password: %s\n"
	 "This password is shown only once; you must change it at first login.\n",
	 "Đã tạo tài khoản quản trị.\n"
	 "  tên đăng nhập: admin\n"
	 "  mật khẩu dùng một lần: %s\n"
	 "Mật khẩu này chỉ hiển thị một lần; bạn cần đổi mật khẩu ở lần đăng nhập đầu tiên.\n"},
	{"Created user %s with the one-time password: %s\n",
	 "Đã tạo tài khoản %s với mật khẩu dùng một lần: %s\n"},
	{"Created user %s\n", "Đã tạo tài khoản %s\n"},
	{"khoa: the user name %s is taken\n", "khoa: tên đăng nhập %s đã có người dùng\n"},
	{"khoa: invalid user: the user name must be 3 to 64 characters of a-z, 0-9, '.', "
	 "'_', '-' or '@'; the full name 1 to 120 bytes on one line; the role learner, "
	 "manager, editor or admin; and a password 8 to 256 bytes\n",
	 "khoa: thông tin tài khoản không hợp lệ: tên đăng nhập dài 3 đến 64 ký tự, chỉ gồm "
	 "a-z, 0-9, '.', '_', '-' hoặc '@'; họ tên dài 1 đến 120 byte trên một dòng; vai trò "
	 "là learner, manager, editor hoặc admin; mật khẩu dài 8 đến 256 byte\n"},
	{"khoa: cannot add the user: %s\n", "khoa: không tạo được tài khoản: %s\n"},
	{"khoa: init failed: %s\n", "khoa: không khởi tạo được thư mục trạng thái: %s\n"},
	{"New one-time password of %s: %s\n"
	 "It must be changed at the next login.\n",
	 "Mật khẩu dùng một lần mới của %s: %s\n"
	 "Người dùng cần đổi mật khẩu này ở lần đăng nhập tiếp theo.\n"},
	{"khoa: no user is named %s\n", "khoa: không có tài khoản nào tên %s\n"},
	{"Revoked certificate %s\n", "Đã thu hồi giấy chứng nhận %s\n"},
	{"khoa: no certificate has the serial %s\n",
	 "khoa: không có giấy chứng nhận nào mang số hiệu %s\n"},
	{"khoa: the certificate %s is already revoked\n",
	 "khoa: giấy chứng nhận %s đã bị thu hồi trước đó\n"},
	{"khoa: cannot revoke the certificate: %s\n",
	 "khoa: không thu hồi được giấy chứng nhận: %s\n"},
	{"khoa: cannot reset the password: %s\n", "khoa: không đặt lại được mật khẩu: %s\n"},
};

static int use_english = -1;

void msg_set_language(const char *lang)
{
	if (lang == NULL)
		lang = getenv("KHOA_LANG");
	use_english = lang != NULL && strncmp(lang, "en", 2) == 0;
}

const char *msg_text(const char *english)
{
	size_t i;

	if (use_english < 0)
		msg_set_language(NULL);
	if (use_english)
		return english;
	for (i = 0; i < sizeof(catalogue) / sizeof(catalogue[0]); i++)
		if (strcmp(catalogue[i].en, english) == 0)
			return catalogue[i].vi;
	if (getenv("KHOA_MESSAGES_STRICT"))
		fprintf(stderr, "untranslated message: %s\n", english);
	return english;
}

const struct msg_entry *msg_catalogue(size_t *count)
{
	*count = sizeof(catalogue) / sizeof(catalogue[0]);
	return catalogue;
}
