/* err.c - messages for the shared error codes. */
#include "err.h"

const char *k_strerror(int code)
{
	switch (code) {
	case K_OK: return "success";
	case K_ENOMEM: return "out of memory";
	case K_EINVAL: return "invalid input";
	case K_EIO: return "input/output error";
	case K_EDB: return "database error";
	case K_ENOTFOUND: return "not found";
	case K_EPARSE: return "parse error";
	case K_EPERM: return "permission denied";
	case K_ETOOBIG: return "input too large";
	case K_ECONFLICT: return "conflicting state";
	default: return "unknown error";
	}
}
