/* config.h - where the programs find their state, theme and public address.
 *
 * Read from the environment, which lighttpd sets for the CGI programs:
 * KHOA_STATE (state folder, default "state"), KHOA_THEME (theme folder,
 * default "theme") and KHOA_BASE_URL (the address that QR codes point to,
 * default "http://127.0.0.1:8080"). */
#ifndef KHOA_CONFIG_H
#define KHOA_CONFIG_H

#define CONFIG_PATH_MAX 1024

struct config {
	char state_dir[CONFIG_PATH_MAX];
	char theme_dir[CONFIG_PATH_MAX];
	char base_url[CONFIG_PATH_MAX];   /* no trailing slash */
	char db_path[CONFIG_PATH_MAX];    /* state_dir/khoa.db */
	char key_dir[CONFIG_PATH_MAX];    /* state_dir/keys */
};

/* Fills c from the environment. Returns K_EINVAL when a value is too long. */
int config_load(struct config *c);

/* Fills c for an explicit state folder; other values as in config_load. */
int config_for_state(struct config *c, const char *state_dir);

#endif
