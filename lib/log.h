/* log.h - messages to stderr, which lighttpd writes into its error log for CGI programs. */
#ifndef KHOA_LOG_H
#define KHOA_LOG_H

/* Sets the program name that prefixes every line; call once at start. */
void log_init(const char *program);

/* Each writes "program: level: message\n". Never pass a secret. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
