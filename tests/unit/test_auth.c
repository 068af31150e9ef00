/* test_auth.c - passwords, user names, sessions and the login lockout on a real SQLite file. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "auth.h"
#include "check.h"
#include "db.h"
#include "err.h"

static char db_path[64];

static sqlite3 *open_db(void)
{
	sqlite3 *db = NULL;

	CHECK(db_open(&db, db_path, 1) == K_OK);
	return db;
}

static void test_password_hash(void)
{
	char hash[crypto_pwhash_STRBYTES];

	CHECK(auth_password_hash(hash, "mat-khau-dai") == K_OK);
	CHECK(strncmp(hash, "$argon2id$", 10) == 0);
	/* OWASP's minimum: m = 19 MiB (19456 KiB), t = 2. */
	CHECK(strstr(hash, "m=19456,t=2") != NULL);
	CHECK(auth_password_verify(hash, "mat-khau-dai") == K_OK);
	CHECK(auth_password_verify(hash, "mat-khau-sai") == K_EPERM);
	CHECK(auth_password_hash(hash, "ngan") == K_EINVAL);
}

static void test_username_canonical(void)
{
	char name[AUTH_USERNAME_MAX + 1];

	CHECK(auth_username_canonical(name, "  NguyenVanA ") == K_OK);
	CHECK_STR(name, "nguyenvana");
	CHECK(auth_username_canonical(name, "an.nguyen@sokhcn.example.vn") == K_OK);
	CHECK(auth_username_canonical(name, "ab") == K_EINVAL);
	CHECK(auth_username_canonical(name, "có dấu") == K_EINVAL);
	CHECK(auth_username_canonical(name, "hai tu") == K_EINVAL);
}

static void test_user_create(sqlite3 *db)
{
	int64_t id = 0, other = 0;
	char long_name[AUTH_FULL_NAME_MAX + 8];

	CHECK(auth_user_create(db, &id, " HocVien ", "Nguye\xcc\x82\xcc\x83n Thị Ngọc Ánh", "learner",
			       "mat-khau-dai", 0) == K_OK);
	CHECK(id > 0);
	CHECK(auth_user_create(db, &other, "hocvien", "Người khác", "learner", "mat-khau-dai", 0) ==
	      K_ECONFLICT);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	CHECK(auth_user_create(db, &other, "dai", long_name, "learner", "mat-khau-dai", 0) == K_EINVAL);
	CHECK(auth_user_create(db, &other, "dong", "Tên\nhai dòng", "learner", "mat-khau-dai", 0) ==
	      K_EINVAL);
	CHECK(auth_user_create(db, &other, "vaitro", "Tên", "boss", "mat-khau-dai", 0) == K_EINVAL);
}

static void test_login_and_session(sqlite3 *db)
{
	char token[AUTH_TOKEN_CHARS + 1];
	struct auth_user user;
	int64_t id = 0;

	CHECK(auth_login(db, &id, "  HOCVIEN ", "mat-khau-dai", "127.0.0.1") == K_OK);
	CHECK(id > 0);
	CHECK(auth_login(db, &id, "hocvien", "sai-mat-khau", "127.0.0.1") == K_EPERM);
	CHECK(auth_login(db, &id, "khong-ton-tai", "mat-khau-dai", "127.0.0.1") == K_EPERM);

	CHECK(auth_login(db, &id, "hocvien", "mat-khau-dai", "127.0.0.1") == K_OK);
	CHECK(auth_session_create(db, token, id) == K_OK);
	CHECK(auth_session_load(db, &user, token) == K_OK);
	/* The full name was stored in NFC. */
	CHECK_STR(user.full_name, "Nguyễn Thị Ngọc Ánh");
	CHECK(strlen(user.csrf) == AUTH_TOKEN_CHARS);
	CHECK(auth_csrf_equal(user.csrf, user.csrf) == 1);
	CHECK(auth_csrf_equal(user.csrf, "sai") == 0);
	CHECK(auth_session_destroy(db, token) == K_OK);
	CHECK(auth_session_load(db, &user, token) == K_ENOTFOUND);
}

/* Runs `count` wrong logins in parallel processes; returns how many were
 * rejected as locked out. */
static int parallel_wrong_logins(int count, const char *remote_addr)
{
	int locked = 0;

	for (int i = 0; i < count; i++) {
		if (fork() == 0) {
			sqlite3 *db = NULL;
			int64_t id;
			int rc;

			db_open(&db, db_path, 0);
			rc = auth_login(db, &id, "hocvien", "sai-mat-khau", remote_addr);
			db_close(db);
			_exit(rc == K_ETOOBIG ? 1 : 0);
		}
	}
	for (int i = 0; i < count; i++) {
		int status = 0;

		wait(&status);
		locked += WIFEXITED(status) && WEXITSTATUS(status) == 1;
	}
	return locked;
}

static void test_lockout_parallel(sqlite3 *db)
{
	int64_t id = 0;

	/* Parallel tries must not slip past the count: exactly the limit fail
	 * normally and the rest are locked out. */
	CHECK(parallel_wrong_logins(AUTH_MAX_FAILURES + 10, "10.0.0.1") == 10);
	CHECK(auth_login(db, &id, "hocvien", "mat-khau-dai", "10.0.0.1") == K_ETOOBIG);
	/* Another address is not locked out by the first one's failures. */
	CHECK(auth_login(db, &id, "hocvien", "mat-khau-dai", "10.0.0.2") == K_OK);
	/* That success clears only its own address's count. */
	CHECK(auth_login(db, &id, "hocvien", "mat-khau-dai", "10.0.0.1") == K_ETOOBIG);
}

int main(void)
{
	sqlite3 *db;
	int fd;

	strcpy(db_path, "/tmp/khoa-test-auth-XXXXXX");
	fd = mkstemp(db_path);
	CHECK(fd >= 0);
	close(fd);
	CHECK(sodium_init() >= 0);
	db = open_db();
	CHECK(db_migrate(db) == K_OK);

	test_password_hash();
	test_username_canonical();
	test_user_create(db);
	test_login_and_session(db);
	test_lockout_parallel(db);

	db_close(db);
	unlink(db_path);
	strcat(db_path, "-wal");
	unlink(db_path);
	return check_summary("auth");
}
