/* catalog.h - write the course catalogue and test definitions into the database. */
#ifndef KHOA_CATALOG_H
#define KHOA_CATALOG_H

#include <sqlite3.h>

#include "content.h"

/* Writes settings, categories, courses, lessons and tests (with their answer
 * keys) in one BEGIN IMMEDIATE transaction tagged with commit_id, and records
 * the build. A test whose content is unchanged keeps its row, so attempts
 * in progress stay valid; a changed test gets a new version that becomes
 * current. On any failure the transaction is rolled back and K_EDB returned. */
int catalog_write(sqlite3 *db, const struct content *c, const char *commit_id, int warnings);

#endif
