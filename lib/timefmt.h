/* timefmt.h - times stored in UTC, shown in Vietnam's time zone.
 *
 * Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving since 1975),
 * so a fixed offset is exact and needs no tz database. */
#ifndef KHOA_TIMEFMT_H
#define KHOA_TIMEFMT_H

#include <time.h>

#define TIME_VN_OFFSET_SECONDS (7 * 3600)

/* "2026-12-04T19:55:00Z" into out[21]. */
void time_iso_utc(char out[21], time_t t);

/* Parses the form time_iso_utc writes. Returns K_OK or K_EINVAL. */
int time_parse_iso_utc(time_t *out, const char *s);

/* Vietnam calendar date "04/12/2026" into out[11]. */
void time_vn_date(char out[11], time_t t);

/* Vietnam calendar date "2026-12-04" into out[11]. */
void time_vn_iso_date(char out[11], time_t t);

/* Vietnam local time "04/12/2026 14:05" into out[17]. */
void time_vn_datetime(char out[17], time_t t);

/* Turns "2026-12-04" into "04/12/2026" in out[11]; copies other input unchanged. */
void time_iso_date_to_vn(char out[11], const char *iso);

#endif
