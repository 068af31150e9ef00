/* schema.h - the SQL text that creates an empty database. */
#ifndef KHOA_SCHEMA_H
#define KHOA_SCHEMA_H

extern const char db_schema_sql[];

#endif
