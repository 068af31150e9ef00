/* cert_claims.c - claim validation, dates in the Vietnamese calendar day, error texts. */
#include "cert.h"
#include "cert_internal.h"

#include <stdio.h>
#include <string.h>

/* Vietnam's offset from UTC in seconds (UTC+07:00, no daylight saving since 1975). */
#define VIETNAM_UTC_OFFSET (7LL * 3600LL)

const char *cert_strerror(int err)
{
	switch (err) {
	case CERT_OK:
		return "success";
	case CERT_EINVAL:
		return "invalid argument or certificate field";
	case CERT_ESIG:
		return "invalid certificate token: bad signature or malformed";
	case CERT_EIO:
		return "key file missing, unreadable, malformed or already present";
	case CERT_ENOMEM:
		return "out of memory";
	case CERT_EFONT:
		return "font missing, unreadable or lacking a glyph for a character";
	case CERT_EPNG:
		return "PNG encoding failed";
	case CERT_EQR:
		return "QR encoding failed or the verify URL is too long for the QR area";
	default:
		return "unknown certificate error";
	}
}

/*
 * Checks one field stored in a char array of capacity bytes: NUL-terminated
 * inside the array, non-empty, valid UTF-8, no C0 control character or DEL.
 * Control characters include the '\n' that separates token fields.
 */
static int field_valid(const char *field, size_t capacity)
{
	size_t len = strnlen(field, capacity);
	size_t i;

	if (len == 0 || len == capacity)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)field[i];

		if (c < 0x20 || c == 0x7F)
			return 0;
	}
	return cert_utf8_valid(field, len);
}

static int is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month == 2 && is_leap_year(year))
		return 29;
	return days[month - 1];
}

/* Parses count ASCII digits at s into *value; returns 0 or -1 on a non-digit. */
static int parse_digits(int *value, const char *s, int count)
{
	int result = 0;
	int i;

	for (i = 0; i < count; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		result = result * 10 + (s[i] - '0');
	}
	*value = result;
	return 0;
}

/* Returns 1 when s is exactly "YYYY-MM-DD" naming a real day of years 0001-9999. */
static int iso_date_valid(const char *s, size_t capacity)
{
	int year;
	int month;
	int day;

	if (strnlen(s, capacity) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (parse_digits(&year, s, 4) != 0 || parse_digits(&month, s + 5, 2) != 0 ||
	    parse_digits(&day, s + 8, 2) != 0)
		return 0;
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return 0;
	return day <= days_in_month(year, month);
}

int cert_claims_validate(const struct cert_claims *claims)
{
	if (claims == NULL)
		return CERT_EINVAL;
	if (!field_valid(claims->serial, sizeof claims->serial) ||
	    !iso_date_valid(claims->issued_on, sizeof claims->issued_on) ||
	    !field_valid(claims->holder, sizeof claims->holder) ||
	    !field_valid(claims->course, sizeof claims->course))
		return CERT_EINVAL;
	return 0;
}

int cert_date_display(char out[11], const char *issued_on)
{
	memset(out, 0, 11);
	if (issued_on == NULL || !iso_date_valid(issued_on, 11))
		return CERT_EINVAL;

	/* "yyyy-mm-dd" -> "dd/mm/yyyy" */
	memcpy(out, issued_on + 8, 2);
	out[2] = '/';
	memcpy(out + 3, issued_on + 5, 2);
	out[5] = '/';
	memcpy(out + 6, issued_on, 4);
	out[10] = '\0';
	return 0;
}

int cert_date_today(char out[11], time_t now)
{
	/* Seconds from the epoch to 0001-01-01T00:00:00 and to 9999-12-31T23:59:59. */
	const long long first_second = -62135596800LL;
	const long long last_second = 253402300799LL;
	long long local_seconds;
	time_t local;
	struct tm day;
	char buffer[32];

	memset(out, 0, 11);
	if ((long long)now < first_second || (long long)now > last_second)
		return CERT_EINVAL; /* also keeps the addition below from overflowing */
	local_seconds = (long long)now + VIETNAM_UTC_OFFSET;
	if (local_seconds < first_second || local_seconds > last_second)
		return CERT_EINVAL;
	local = (time_t)local_seconds;
	if (gmtime_r(&local, &day) == NULL)
		return CERT_EINVAL;
	snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
	memcpy(out, buffer, 11);
	return 0;
}
