/* test_quiz.c - grading, attempt order and limits, and certificate issue on a temporary database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "cert.h"
#include "check.h"
#include "db.h"
#include "err.h"
#include "http.h"
#include "quiz.h"

#define TIME_LIMIT 600

static char state_dir[] = "/tmp/khoa-test-quiz-XXXXXX";
static char key_dir[256];
static sqlite3 *db;
static int64_t quiz_id, learner_id, other_id;

static const char fixture_sql[] =
	"INSERT INTO courses (id, slug, title, certificate_title, commit_id) VALUES "
	" (1, 'ai-co-ban', 'AI cơ bản', 'Kiến thức cơ bản về trí tuệ nhân tạo', 'c1');"
	"INSERT INTO quizzes (id, course_id, slug, title, content_hash, time_limit_seconds, "
	" max_attempts, pass_percent, shuffle, commit_id, created_at) VALUES "
	" (1, 1, 'kiem-tra', 'Bài kiểm tra', 'h1', 600, 0, 80, 1, 'c1', '2026-01-01T00:00:00Z');"
	"INSERT INTO questions (id, quiz_id, position, type, topic, points, stem_html, answer, "
	" feedback_html, source_line) VALUES "
	" (11, 1, 1, 'single', 'Khái niệm', 1, '<p>Một lựa chọn</p>', '2', '<p>Vì 2.</p>', 10),"
	" (12, 1, 2, 'multiple', 'Khái niệm', 1, '<p>Nhiều lựa chọn</p>', '1,3', '', 20),"
	" (13, 1, 3, 'truefalse', 'Dữ liệu', 1, '<p>Đúng sai</p>', 'true', '', 30),"
	" (14, 1, 4, 'short', 'Dữ liệu', 1, '<p>Điền từ</p>', 'Trí tuệ nhân tạo\nAI', '', 40);"
	"INSERT INTO options (question_id, position, body_html, correct) VALUES "
	" (11, 1, 'A', 0), (11, 2, 'B', 1), (11, 3, 'C', 0),"
	" (12, 1, 'A', 1), (12, 2, 'B', 0), (12, 3, 'C', 1), (12, 4, 'D', 0);"
	"INSERT INTO users (id, username, full_name, password_hash, created_at) VALUES "
	" (1, 'an', 'Nguyễn Văn An', 'x', '2026-01-01T00:00:00Z'),"
	" (2, 'binh', 'Trần Thị Bình', 'x', '2026-01-01T00:00:00Z');";

static int setup(void)
{
	char path[256];

	if (sodium_init() < 0 || mkdtemp(state_dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/khoa.db", state_dir);
	snprintf(key_dir, sizeof(key_dir), "%s/keys", state_dir);
	if (cert_key_create(key_dir) != CERT_OK || db_open(&db, path, 1) < 0 ||
	    db_migrate(db) < 0 || db_exec(db, fixture_sql) < 0)
		return -1;
	quiz_id = 1;
	learner_id = 1;
	other_id = 2;
	return 0;
}

static void teardown(void)
{
	char command[512];

	db_close(db);
	snprintf(command, sizeof(command), "rm -rf '%s'", state_dir);
	if (system(command) != 0)
		fprintf(stderr, "cannot remove %s\n", state_dir);
}

static long long query_int(const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	long long value = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

/* Starts an attempt for user at the test and returns its id (0 on failure). */
static int64_t start_attempt(int64_t user_id, time_t now)
{
	struct quiz_version quiz;
	int64_t attempt_id = 0;

	if (quiz_version_load(db, &quiz, quiz_id) < 0 ||
	    quiz_attempt_start(db, &attempt_id, user_id, &quiz, now) < 0)
		return 0;
	return attempt_id;
}

/* Submits a form body such as "q11=2&q12=1" for an attempt. */
static int submit(struct quiz_outcome *out, int64_t attempt_id, int64_t user_id,
		  const char *body, const char *keys, time_t now)
{
	struct http_params form = {0};
	int rc = http_params_parse(&form, body, strlen(body), '&');

	if (rc == K_OK)
		rc = quiz_submit(db, out, attempt_id, user_id, &form, keys, now);
	http_params_free(&form);
	return rc;
}

static void test_all_wrong(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);

	CHECK(id > 0);
	CHECK(submit(&out, id, learner_id, "q11=1&q12=2&q13=false&q14=m%C3%A1y+h%E1%BB%8Dc",
		     key_dir, now + 60) == K_OK);
	CHECK(out.score == 0);
	CHECK(out.max_score == 4);
	CHECK(out.percent == 0);
	CHECK(!out.passed);
	CHECK(out.certificate_id == 0);
	CHECK(query_int("SELECT count(*) FROM responses") == 4);
	CHECK(query_int("SELECT count(*) FROM certificates") == 0);
}

static void test_partial_multiple_is_wrong(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);

	/* Only one of the two correct options of question 12: all or nothing. */
	CHECK(submit(&out, id, learner_id, "q11=2&q12=1&q13=true&q14=AI", key_dir, now) == K_OK);
	CHECK(out.score == 3);
	CHECK(out.percent == 75);
	CHECK(!out.passed);
	CHECK(query_int("SELECT count(*) FROM certificates") == 0);
}

static void test_missing_diacritics_is_wrong(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);

	CHECK(submit(&out, id, learner_id, "q11=2&q12=1&q12=3&q13=true&q14=tri+tue+nhan+tao",
		     key_dir, now) == K_OK);
	CHECK(out.score == 3);
	CHECK(!out.passed);
}

static void test_unsigned_key_rolls_back(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);
	char missing[300];

	/* Passing with no signing key: nothing may be kept, the attempt stays open. */
	snprintf(missing, sizeof(missing), "%s/no-keys", state_dir);
	CHECK(submit(&out, id, learner_id, "q11=2&q12=3&q12=1&q13=true&q14=AI", missing, now) == K_EIO);
	CHECK(query_int("SELECT count(*) FROM certificates") == 0);
	CHECK(query_int("SELECT count(*) FROM attempts WHERE status = 'open'") == 1);
	CHECK(submit(&out, id, learner_id, "q11=1", key_dir, now + 3 * TIME_LIMIT) == K_OK);
	CHECK(out.expired);
}

static void check_certificate_token(int64_t certificate_id)
{
	struct cert_claims claims;
	unsigned char pk[32];
	char sql[160], serial[64];
	sqlite3_stmt *stmt = NULL;
	char *token = NULL;

	snprintf(sql, sizeof(sql), "SELECT serial, token FROM certificates WHERE id = %lld",
		 (long long)certificate_id);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		snprintf(serial, sizeof(serial), "%s", (const char *)sqlite3_column_text(stmt, 0));
		token = strdup((const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	CHECK(token != NULL);
	if (token == NULL)
		return;

	CHECK(strncmp(serial, "KHOA-20", 7) == 0);
	CHECK(strlen(serial) == strlen("KHOA-2026-000001-ABCDE"));
	CHECK(serial[16] == '-');
	CHECK(cert_key_load_public(pk, key_dir) == CERT_OK);
	CHECK(cert_token_verify(&claims, token, strlen(token), pk) == CERT_OK);
	CHECK_STR(claims.serial, serial);
	CHECK_STR(claims.holder, "Nguyễn Văn An");
	CHECK_STR(claims.course, "Kiến thức cơ bản về trí tuệ nhân tạo");
	free(token);
}

static void test_all_right_issues_once(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);

	/* Different case and extra spaces in the short answer still match. */
	CHECK(submit(&out, id, learner_id,
		     "q11=2&q12=3&q12=1&q13=true&q14=++tr%C3%AD+++TU%E1%BB%86+nh%C3%A2n+t%E1%BA%A1o+",
		     key_dir, now + TIME_LIMIT + QUIZ_GRACE_SECONDS - 5) == K_OK);
	CHECK(!out.expired);
	CHECK(out.score == 4);
	CHECK(out.percent == 100);
	CHECK(out.passed);
	CHECK(out.certificate_id > 0);
	CHECK(query_int("SELECT count(*) FROM certificates") == 1);
	check_certificate_token(out.certificate_id);

	id = start_attempt(learner_id, now);
	CHECK(submit(&out, id, learner_id, "q11=2&q12=1&q12=3&q13=true&q14=AI", key_dir, now) == K_OK);
	CHECK(out.passed);
	CHECK(out.certificate_id == 0);
	CHECK(query_int("SELECT count(*) FROM certificates") == 1);
}

static void test_second_submit_conflicts(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(learner_id, now);
	char sql[128];

	CHECK(submit(&out, id, learner_id, "q12=3&q12=1&q12=3&q11=9", key_dir, now) == K_OK);
	CHECK(submit(&out, id, learner_id, "q11=2", key_dir, now) == K_ECONFLICT);
	CHECK(submit(&out, id, other_id, "q11=2", key_dir, now) == K_ENOTFOUND);

	/* Repeated positions are stored once, sorted; a value that is no option is dropped. */
	snprintf(sql, sizeof(sql), "SELECT response = '1,3' FROM responses "
		 "WHERE attempt_id = %lld AND question_id = 12", (long long)id);
	CHECK(query_int(sql) == 1);
	snprintf(sql, sizeof(sql), "SELECT response = '' FROM responses "
		 "WHERE attempt_id = %lld AND question_id = 11", (long long)id);
	CHECK(query_int(sql) == 1);
}

static void test_late_submit_expires(void)
{
	struct quiz_outcome out;
	time_t now = time(NULL);
	int64_t id = start_attempt(other_id, now);
	char sql[128];

	CHECK(submit(&out, id, other_id, "q11=2&q12=1&q12=3&q13=true&q14=AI", key_dir,
		     now + TIME_LIMIT + QUIZ_GRACE_SECONDS + 1) == K_OK);
	CHECK(out.expired);
	CHECK(out.score == 0);
	CHECK(!out.passed);
	snprintf(sql, sizeof(sql), "SELECT status = 'expired' AND score = 0 AND max_score = 4 "
		 "FROM attempts WHERE id = %lld", (long long)id);
	CHECK(query_int(sql) == 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM responses WHERE attempt_id = %lld",
		 (long long)id);
	CHECK(query_int(sql) == 0);
	CHECK(query_int("SELECT count(*) FROM certificates WHERE user_id = 2") == 0);
}

static void test_attempt_limit(void)
{
	struct quiz_version quiz;
	int64_t open_id = 0, again = 0;
	time_t now = time(NULL);
	int used = 0;

	CHECK(quiz_version_find_current(db, &quiz, "ai-co-ban", "kiem-tra") == K_OK);
	CHECK(quiz_attempts_used(db, &used, other_id, &quiz) == K_OK);
	CHECK(used == 1);
	quiz.max_attempts = 2;
	CHECK(quiz_attempt_start(db, &open_id, other_id, &quiz, now) == K_OK);
	CHECK(open_id > 0);
	/* A second start while one is open returns the same attempt. */
	CHECK(quiz_attempt_start(db, &again, other_id, &quiz, now) == K_OK);
	CHECK(again == open_id);
	/* Once it is overdue it still counts, and the limit is reached. */
	CHECK(quiz_attempt_start(db, &again, other_id, &quiz, now + 2 * TIME_LIMIT) == K_EPERM);
	CHECK(again == 0);
	CHECK(quiz_version_find_current(db, &quiz, "ai-co-ban", "khong-co") == K_ENOTFOUND);
}

/* Returns 1 when response is right for q, 0 when wrong, -1 on an error. */
static int grade(const struct quiz_item *q, const char *response)
{
	int correct = -1;

	if (quiz_response_grade(&correct, q, response) != K_OK)
		return -1;
	return correct;
}

static void test_short_answer_keys(void)
{
	struct quiz_items items;
	const struct quiz_item *q;

	CHECK(quiz_items_load(db, &items, quiz_id) == K_OK);
	q = quiz_items_find(&items, 14);
	CHECK(q != NULL);
	if (q == NULL)
		return;
	CHECK(grade(q, "TRÍ TUỆ NHÂN TẠO") == 1);
	CHECK(grade(q, "ai") == 1);
	CHECK(grade(q, "Tri tue nhan tao") == 0);
	CHECK(grade(q, "") == 0);
	quiz_items_free(&items);
}

/* Writes the question ids, and option positions of question 12, in order. */
static void order_signature(char *out, size_t size, int64_t seed)
{
	struct quiz_items items;
	size_t i, n = 0;

	out[0] = '\0';
	if (quiz_items_load(db, &items, quiz_id) < 0)
		return;
	quiz_items_order(&items, seed, 1);
	for (i = 0; i < items.count; i++) {
		const struct quiz_item *q = &items.items[i];

		n += (size_t)snprintf(out + n, size - n, "%lld ", (long long)q->id);
		if (q->id == 12 && q->choice_count == 4)
			n += (size_t)snprintf(out + n, size - n, "(%d%d%d%d) ", q->choices[0].position,
					      q->choices[1].position, q->choices[2].position,
					      q->choices[3].position);
	}
	quiz_items_free(&items);
}

static void test_order_is_stable(void)
{
	char first[128], again[128], other[128];
	int64_t seed;
	int differs = 0;

	order_signature(first, sizeof(first), 12345);
	order_signature(again, sizeof(again), 12345);
	CHECK_STR(again, first);
	CHECK(strstr(first, "11 ") != NULL);
	CHECK(strstr(first, "12 ") != NULL);
	CHECK(strstr(first, "13 ") != NULL);
	CHECK(strstr(first, "14 ") != NULL);
	for (seed = 1; seed < 20 && !differs; seed++) {
		order_signature(other, sizeof(other), seed);
		differs = strcmp(other, first) != 0;
	}
	CHECK(differs);
}

static void test_choice_keys(void)
{
	struct quiz_items items;
	const struct quiz_item *q;

	CHECK(quiz_items_load(db, &items, quiz_id) == K_OK);
	q = quiz_items_find(&items, 12);
	CHECK(q != NULL);
	if (q == NULL)
		return;
	CHECK(grade(q, "1,3") == 1);
	CHECK(grade(q, "3, 1 ") == 1);
	CHECK(grade(q, "1,3,4") == 0);
	CHECK(grade(q, "1,,3") == 0);
	CHECK(quiz_positions_contain("1, 3", 3));
	CHECK(!quiz_positions_contain("1,3", 2));
	CHECK(!quiz_positions_contain("", 1));
	quiz_items_free(&items);
}

static void test_short_answer_limit(void)
{
	struct quiz_items items;
	struct http_params form = {0};
	struct buf body = BUF_INIT;
	char *response = NULL;
	int i;

	CHECK(quiz_items_load(db, &items, quiz_id) == K_OK);
	/* 1000 letters with a diacritic (2 bytes each in UTF-8) fit; one more does not. */
	buf_puts(&body, "q14=");
	for (i = 0; i < QUIZ_SHORT_ANSWER_MAX; i++)
		buf_puts(&body, "%C3%A1");
	CHECK(http_params_parse(&form, body.data, body.len, '&') == K_OK);
	CHECK(quiz_response_from_form(&response, quiz_items_find(&items, 14), &form) == K_OK);
	CHECK(response != NULL);
	CHECK(strlen(response ? response : "") == 2 * QUIZ_SHORT_ANSWER_MAX);
	free(response);
	http_params_free(&form);

	buf_puts(&body, "a");
	CHECK(http_params_parse(&form, body.data, body.len, '&') == K_OK);
	CHECK(quiz_response_from_form(&response, quiz_items_find(&items, 14), &form) == K_ETOOBIG);
	CHECK(response == NULL);
	http_params_free(&form);
	buf_free(&body);
	quiz_items_free(&items);
}

static void test_percent(void)
{
	CHECK(quiz_percent(2, 3) == 66);
	CHECK(quiz_percent(3, 3) == 100);
	CHECK(quiz_percent(0, 0) == 0);
}

static void test_version_loads_review(void)
{
	struct quiz_version quiz;

	CHECK(quiz_version_load(db, &quiz, quiz_id) == K_OK);
	CHECK(quiz.review_after_passing == 0);
	CHECK(db_exec(db, "UPDATE quizzes SET review = 'after_passing' WHERE id = 1") == K_OK);
	CHECK(quiz_version_load(db, &quiz, quiz_id) == K_OK);
	CHECK(quiz.review_after_passing == 1);
	CHECK(db_exec(db, "UPDATE quizzes SET review = 'none' WHERE id = 1") == K_OK);
}

/* The review rule: what a used-up or withdrawn test, a failed attempt and
 * the review setting each decide. */
static void test_review_rule(void)
{
	struct quiz_version none = {0}, after = {0};
	struct quiz_attempt passed = {0}, failed = {0}, expired = {0};

	after.review_after_passing = 1;
	snprintf(passed.status, sizeof(passed.status), "submitted");
	passed.passed = 1;
	snprintf(failed.status, sizeof(failed.status), "submitted");
	snprintf(expired.status, sizeof(expired.status), "expired");

	/* review none: never, not even after passing. */
	CHECK(quiz_review_shown(&passed, &none, &none) == 0);
	CHECK(quiz_review_shown(&failed, &none, &none) == 0);
	/* after_passing: only the passed attempt. */
	CHECK(quiz_review_shown(&passed, &after, &after) == 1);
	CHECK(quiz_review_shown(&failed, &after, &after) == 0);
	CHECK(quiz_review_shown(&expired, &after, &after) == 0);
	/* A withdrawn test (no current version) shows nothing. */
	CHECK(quiz_review_shown(&passed, &after, NULL) == 0);
	CHECK(quiz_review_shown(&failed, &none, NULL) == 0);
	/* The current version's setting 'none' hides older versions' keys. */
	CHECK(quiz_review_shown(&passed, &after, &none) == 0);
	CHECK(quiz_review_shown(&passed, &none, &after) == 0);
}

int main(void)
{
	if (setup() < 0) {
		fprintf(stderr, "cannot create the test database in %s\n", state_dir);
		return 1;
	}
	test_percent();
	test_version_loads_review();
	test_review_rule();
	test_short_answer_keys();
	test_choice_keys();
	test_short_answer_limit();
	test_order_is_stable();
	test_all_wrong();
	test_partial_multiple_is_wrong();
	test_missing_diacritics_is_wrong();
	test_unsigned_key_rolls_back();
	test_all_right_issues_once();
	test_second_submit_conflicts();
	test_late_submit_expires();
	test_attempt_limit();
	teardown();
	return check_summary("quiz");
}
