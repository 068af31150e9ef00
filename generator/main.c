/* main.c - the `khoa` command: build the site, prepare the state folder, add users. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "build.h"
#include "config.h"
#include "diag.h"
#include "err.h"
#include "log.h"
#include "msg.h"

/* Exit statuses: 1 means the site was built but some content files had
 * errors and were left out; 2 means nothing was built or changed. */
#define EXIT_CONTENT 1
#define EXIT_FATAL 2

static const char usage[] =
	"usage:\n"
	"  khoa init --state DIR\n"
	"      create the state folder: database, signing key, administrator account\n"
	"  khoa build --repo DIR --out DIR [--rev REV] [--theme DIR] [--state DIR]\n"
	"      build the site from commit REV (default HEAD) of the content repository;\n"
	"      with --state, also write the catalogue and tests into its database\n"
	"  khoa user add --state DIR --username NAME --name \"FULL NAME\" [--role ROLE]\n"
	"                [--password-stdin]\n"
	"      add an account (role: learner, manager, editor or admin; default learner);\n"
	"      without --password-stdin a one-time password is printed\n"
	"  khoa user reset-password --state DIR --username NAME\n"
	"      print a new one-time password and end the user's sessions\n"
	"  khoa cert revoke --state DIR --serial SERIAL --reason \"TEXT\"\n"
	"      revoke a certificate; its verify page then says so, with the reason\n"
	"Messages are in Vietnamese; set KHOA_LANG=en for English.\n";

/* Returns the value of --name in argv, or NULL. */
static const char *option(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int has_flag(int argc, char **argv, const char *name)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

static int usage_error(const char *message)
{
	fprintf(stderr, "khoa: %s\n%s", message, usage);
	return EXIT_FATAL;
}

static int command_build(int argc, char **argv)
{
	struct build_options o = {0};
	const char *state = option(argc, argv, "--state");
	struct config cfg;
	struct diag diag = {0};
	int rc;

	o.repo = option(argc, argv, "--repo");
	o.out_dir = option(argc, argv, "--out");
	o.rev = option(argc, argv, "--rev");
	o.theme_dir = option(argc, argv, "--theme");
	if (o.repo == NULL || o.out_dir == NULL)
		return usage_error("build needs --repo and --out");
	if (o.theme_dir == NULL)
		o.theme_dir = getenv("KHOA_THEME") ? getenv("KHOA_THEME") : "theme";
	if (state) {
		if (config_for_state(&cfg, state) < 0)
			return usage_error("the --state path is too long");
		o.db_path = cfg.db_path;
		o.key_dir = cfg.key_dir;
	}

	rc = build_site(&o, &diag);
	diag_print(&diag, stderr);
	if (rc == K_OK || rc == K_EPARSE)
		fprintf(stderr, msg_text("khoa: built %s from %s (%d errors, %d warnings)\n"), o.out_dir, o.repo,
			diag.errors, diag.warnings);
	else
		fprintf(stderr, "%s", msg_text("khoa: the build failed (see the messages above); "
					       "the site was not changed\n"));
	diag_free(&diag);
	if (rc == K_OK)
		return 0;
	return rc == K_EPARSE ? EXIT_CONTENT : EXIT_FATAL;
}

static int command_init(int argc, char **argv)
{
	const char *state = option(argc, argv, "--state");
	int rc;

	if (state == NULL)
		return usage_error("init needs --state");
	rc = admin_init(state);
	if (rc < 0)
		fprintf(stderr, msg_text("khoa: init failed: %s\n"), k_strerror(rc));
	return rc < 0 ? EXIT_FATAL : 0;
}

/* Reads one line (the password) from stdin without its newline. */
static int read_password(char *out, size_t size)
{
	size_t n;

	if (fgets(out, (int)size, stdin) == NULL)
		return K_EINVAL;
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	return n > 0 ? K_OK : K_EINVAL;
}

static int command_user(int argc, char **argv)
{
	const char *state = option(argc, argv, "--state");
	const char *username = option(argc, argv, "--username");
	const char *name = option(argc, argv, "--name");
	const char *role = option(argc, argv, "--role");
	char password[512];
	int rc;

	if (argc >= 2 && strcmp(argv[1], "reset-password") == 0) {
		if (state == NULL || username == NULL)
			return usage_error("user reset-password needs --state and --username");
		rc = admin_user_reset_password(state, username);
		if (rc == K_ENOTFOUND)
			fprintf(stderr, msg_text("khoa: no user is named %s\n"), username);
		else if (rc < 0)
			fprintf(stderr, msg_text("khoa: cannot reset the password: %s\n"), k_strerror(rc));
		return rc < 0 ? EXIT_FATAL : 0;
	}
	if (argc < 2 || strcmp(argv[1], "add") != 0)
		return usage_error("the user command takes: add, reset-password");
	if (state == NULL || username == NULL || name == NULL)
		return usage_error("user add needs --state, --username and --name");
	if (has_flag(argc, argv, "--password-stdin") && read_password(password, sizeof(password)) < 0)
		return usage_error("no password on standard input");

	rc = admin_user_add(state, username, name, role ? role : "learner",
			    has_flag(argc, argv, "--password-stdin") ? password : NULL);
	if (rc == K_ECONFLICT)
		fprintf(stderr, msg_text("khoa: the user name %s is taken\n"), username);
	else if (rc == K_EINVAL)
		fprintf(stderr, "%s", msg_text("khoa: invalid user: the user name must be 3 to 64 "
						 "characters of a-z, 0-9, '.', '_', '-' or '@'; the "
						 "full name 1 to 120 bytes on one line; the role "
						 "learner, manager, editor or admin; and a password 8 "
						 "to 256 bytes\n"));
	else if (rc < 0)
		fprintf(stderr, msg_text("khoa: cannot add the user: %s\n"), k_strerror(rc));
	return rc < 0 ? EXIT_FATAL : 0;
}

static int command_cert(int argc, char **argv)
{
	const char *state = option(argc, argv, "--state");
	const char *serial = option(argc, argv, "--serial");
	const char *reason = option(argc, argv, "--reason");
	int rc;

	if (argc < 2 || strcmp(argv[1], "revoke") != 0)
		return usage_error("the cert command takes: revoke");
	if (state == NULL || serial == NULL || reason == NULL || *reason == '\0')
		return usage_error("cert revoke needs --state, --serial and --reason");
	rc = admin_certificate_revoke(state, serial, reason);
	if (rc == K_ENOTFOUND)
		fprintf(stderr, msg_text("khoa: no certificate has the serial %s\n"), serial);
	else if (rc == K_ECONFLICT)
		fprintf(stderr, msg_text("khoa: the certificate %s is already revoked\n"), serial);
	else if (rc < 0)
		fprintf(stderr, msg_text("khoa: cannot revoke the certificate: %s\n"), k_strerror(rc));
	return rc < 0 ? EXIT_FATAL : 0;
}

int main(int argc, char **argv)
{
	log_init("khoa");
	if (has_flag(argc, argv, "--help") || has_flag(argc, argv, "-h")) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_FATAL : 0;
	}
	if (strcmp(argv[1], "build") == 0)
		return command_build(argc - 1, argv + 1);
	if (strcmp(argv[1], "init") == 0)
		return command_init(argc - 1, argv + 1);
	if (strcmp(argv[1], "user") == 0)
		return command_user(argc - 1, argv + 1);
	if (strcmp(argv[1], "cert") == 0)
		return command_cert(argc - 1, argv + 1);
	return usage_error("unknown command");
}
