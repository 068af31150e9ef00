/* err.h - error codes shared by the library, the generator and the CGI programs. */
#ifndef KHOA_ERR_H
#define KHOA_ERR_H

/* Functions return 0 on success or one of these negative codes. */
enum {
	K_OK = 0,
	K_ENOMEM = -1,   /* allocation failed */
	K_EINVAL = -2,   /* invalid argument or input */
	K_EIO = -3,      /* file or stream failed; errno has the cause */
	K_EDB = -4,      /* SQLite failed; sqlite3_errmsg has the cause */
	K_ENOTFOUND = -5,
	K_EPARSE = -6,   /* content could not be parsed */
	K_EPERM = -7,    /* not allowed */
	K_ETOOBIG = -8,  /* input over a size limit */
	K_ECONFLICT = -9 /* state changed under the caller (stale form, second submit) */
};

const char *k_strerror(int code);

#endif
