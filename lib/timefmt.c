/* timefmt.c - UTC storage format and Vietnamese display formats. */
#define _DEFAULT_SOURCE /* timegm */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "timefmt.h"

void time_iso_utc(char out[21], time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int time_parse_iso_utc(time_t *out, const char *s)
{
	struct tm tm = {0};
	char z = 0;

	*out = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &z) != 7 || z != 'Z')
		return K_EINVAL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return K_OK;
}

static void format_vn(char *out, size_t size, const char *format, time_t t)
{
	time_t local = t + TIME_VN_OFFSET_SECONDS;
	struct tm tm;

	gmtime_r(&local, &tm);
	strftime(out, size, format, &tm);
}

void time_vn_date(char out[11], time_t t)
{
	format_vn(out, 11, "%d/%m/%Y", t);
}

void time_vn_iso_date(char out[11], time_t t)
{
	format_vn(out, 11, "%Y-%m-%d", t);
}

void time_vn_datetime(char out[17], time_t t)
{
	format_vn(out, 17, "%d/%m/%Y %H:%M", t);
}

void time_iso_date_to_vn(char out[11], const char *iso)
{
	unsigned y, m, d;

	if (sscanf(iso, "%4u-%2u-%2u", &y, &m, &d) == 3 && strlen(iso) == 10)
		snprintf(out, 11, "%02u/%02u/%04u", d % 100u, m % 100u, y % 10000u);
	else
		snprintf(out, 11, "%s", iso);
}
