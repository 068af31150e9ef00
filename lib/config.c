/* config.c - program settings from the environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"

static int copy_value(char *out, const char *value, const char *fallback)
{
	int n = snprintf(out, CONFIG_PATH_MAX, "%s", value && *value ? value : fallback);

	return n >= 0 && n < CONFIG_PATH_MAX ? K_OK : K_EINVAL;
}

int config_for_state(struct config *c, const char *state_dir)
{
	size_t n;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = copy_value(c->state_dir, state_dir, "state")) < 0 ||
	    (rc = copy_value(c->theme_dir, getenv("KHOA_THEME"), "theme")) < 0 ||
	    (rc = copy_value(c->base_url, getenv("KHOA_BASE_URL"), "http://127.0.0.1:8080")) < 0)
		return rc;

	n = strlen(c->base_url);
	while (n > 0 && c->base_url[n - 1] == '/')
		c->base_url[--n] = '\0';

	if (snprintf(c->db_path, CONFIG_PATH_MAX, "%s/khoa.db", c->state_dir) >= CONFIG_PATH_MAX ||
	    snprintf(c->key_dir, CONFIG_PATH_MAX, "%s/keys", c->state_dir) >= CONFIG_PATH_MAX)
		return K_EINVAL;
	return K_OK;
}

int config_load(struct config *c)
{
	return config_for_state(c, getenv("KHOA_STATE"));
}
