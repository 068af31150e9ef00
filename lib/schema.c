/* schema.c - the database schema at DB_SCHEMA_VERSION.
 *
 * Content tables (courses, lessons, quizzes, questions) are written by
 * `khoa build` from a git commit. Quizzes are versioned by content hash and
 * never updated in place, because attempts must be graded against the exact
 * questions they were started with. People tables (units, users, sessions)
 * and results tables (attempts, responses, certificates) are written by the
 * CGI programs and the khoa tool. Times are UTC ISO 8601 text. */
#include "schema.h"

const char db_schema_sql[] =
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	");"

	/* Organisational units: departments, agencies, district People's Committees. */
	"CREATE TABLE units ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES units(id)"
	");"

	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE COLLATE NOCASE,"
	"  full_name TEXT NOT NULL,"
	"  email TEXT,"
	"  unit_id INTEGER REFERENCES units(id),"
	"  role TEXT NOT NULL DEFAULT 'learner'"
	"    CHECK (role IN ('learner', 'manager', 'editor', 'admin')),"
	"  password_hash TEXT NOT NULL,"
	"  must_change_password INTEGER NOT NULL DEFAULT 0,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  last_login_at TEXT"
	");"

	/* token_hash is SHA-256 of the cookie value, so a leaked database
	 * cannot be replayed as a login. */
	"CREATE TABLE sessions ("
	"  token_hash BLOB PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  csrf_token TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  expires_at TEXT NOT NULL"
	");"
	"CREATE INDEX sessions_user ON sessions(user_id);"

	/* Every login try is recorded here before the password is checked, and
	 * removed by a success, so parallel tries cannot slip past the limit. */
	"CREATE TABLE login_failures ("
	"  username TEXT NOT NULL COLLATE NOCASE,"
	"  remote_addr TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX login_failures_user ON login_failures(username, at);"

	/* Recent requests of rate-limited kinds, such as public serial lookups. */
	"CREATE TABLE rate_events ("
	"  kind TEXT NOT NULL,"
	"  client TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	");"
	"CREATE INDEX rate_events_client ON rate_events(kind, client, at);"

	"CREATE TABLE builds ("
	"  id INTEGER PRIMARY KEY,"
	"  commit_id TEXT NOT NULL,"
	"  built_at TEXT NOT NULL,"
	"  warnings INTEGER NOT NULL DEFAULT 0"
	");"

	"CREATE TABLE categories ("
	"  slug TEXT PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  position INTEGER NOT NULL"
	");"

	/* Rows stay when a course leaves the content (active = 0), because
	 * attempts and certificates refer to them. */
	"CREATE TABLE courses ("
	"  id INTEGER PRIMARY KEY,"
	"  slug TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  category TEXT,"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  certificate_title TEXT NOT NULL,"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  commit_id TEXT NOT NULL"
	");"

	"CREATE TABLE lessons ("
	"  id INTEGER PRIMARY KEY,"
	"  course_id INTEGER NOT NULL REFERENCES courses(id),"
	"  slug TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  duration_minutes INTEGER NOT NULL DEFAULT 0,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (course_id, slug)"
	");"

	/* One row per distinct version of a test; current = 1 marks the version
	 * that new attempts use. review sets what a learner sees of the answer
	 * key after grading: 'none' (scores by topic only) or 'after_passing'
	 * (the key and explanations once the learner has passed). */
	"CREATE TABLE quizzes ("
	"  id INTEGER PRIMARY KEY,"
	"  course_id INTEGER NOT NULL REFERENCES courses(id),"
	"  slug TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  content_hash TEXT NOT NULL,"
	"  time_limit_seconds INTEGER NOT NULL DEFAULT 0,"
	"  max_attempts INTEGER NOT NULL DEFAULT 0,"
	"  pass_percent INTEGER NOT NULL,"
	"  shuffle INTEGER NOT NULL DEFAULT 1,"
	"  review TEXT NOT NULL DEFAULT 'none' CHECK (review IN ('none', 'after_passing')),"
	"  current INTEGER NOT NULL DEFAULT 1,"
	"  commit_id TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (course_id, slug, content_hash)"
	");"

	/* answer is the key: for choice questions the positions of the correct
	 * options ("2" or "1,3"), for true/false "true" or "false", for short
	 * answers the accepted answers separated by '\n'. */
	"CREATE TABLE questions ("
	"  id INTEGER PRIMARY KEY,"
	"  quiz_id INTEGER NOT NULL REFERENCES quizzes(id),"
	"  position INTEGER NOT NULL,"
	"  type TEXT NOT NULL CHECK (type IN ('single', 'multiple', 'truefalse', 'short')),"
	"  topic TEXT NOT NULL,"
	"  points INTEGER NOT NULL DEFAULT 1,"
	"  stem_html TEXT NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  feedback_html TEXT NOT NULL DEFAULT '',"
	"  source_line INTEGER NOT NULL,"
	"  UNIQUE (quiz_id, position)"
	");"

	"CREATE TABLE options ("
	"  question_id INTEGER NOT NULL REFERENCES questions(id),"
	"  position INTEGER NOT NULL,"
	"  body_html TEXT NOT NULL,"
	"  correct INTEGER NOT NULL,"
	"  PRIMARY KEY (question_id, position)"
	");"

	"CREATE TABLE enrolments ("
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  course_id INTEGER NOT NULL REFERENCES courses(id),"
	"  enrolled_at TEXT NOT NULL,"
	"  cancelled_at TEXT,"
	"  PRIMARY KEY (user_id, course_id)"
	");"

	/* status: open until submitted; 'expired' when submitted after the
	 * deadline and its grace period. seed fixes the shuffled order. */
	"CREATE TABLE attempts ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  quiz_id INTEGER NOT NULL REFERENCES quizzes(id),"
	"  seed INTEGER NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN ('open', 'submitted', 'expired')),"
	"  started_at TEXT NOT NULL,"
	"  deadline_at TEXT,"
	"  submitted_at TEXT,"
	"  score INTEGER,"
	"  max_score INTEGER,"
	"  percent INTEGER,"
	"  passed INTEGER"
	");"
	"CREATE INDEX attempts_user_quiz ON attempts(user_id, quiz_id);"

	"CREATE TABLE responses ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempts(id),"
	"  question_id INTEGER NOT NULL REFERENCES questions(id),"
	"  response TEXT NOT NULL,"
	"  correct INTEGER NOT NULL,"
	"  points INTEGER NOT NULL,"
	"  PRIMARY KEY (attempt_id, question_id)"
	");"

	/* holder_name and course_title are copies taken at issue, because the
	 * certificate must keep showing what it showed when it was signed. */
	"CREATE TABLE certificates ("
	"  id INTEGER PRIMARY KEY,"
	"  serial TEXT UNIQUE,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  course_id INTEGER NOT NULL REFERENCES courses(id),"
	"  attempt_id INTEGER NOT NULL UNIQUE REFERENCES attempts(id),"
	"  holder_name TEXT NOT NULL,"
	"  course_title TEXT NOT NULL,"
	"  issued_on TEXT NOT NULL,"
	"  issued_at TEXT NOT NULL,"
	"  token TEXT,"
	"  revoked_at TEXT,"
	"  revoke_reason TEXT,"
	"  UNIQUE (user_id, course_id)"
	");"

	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  user_id INTEGER,"
	"  action TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");";
