/* me.c - sign-in state, name and unit of the visitor as JSON, for static page headers. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cgi.h"
#include "http.h"
#include "log.h"

static void send_json(int status, json_t *value)
{
	char *text = value ? json_dumps(value, JSON_COMPACT) : NULL;

	if (text == NULL) {
		log_error("cannot encode the user as JSON");
		http_send(500, "application/json", NULL, "{}", 2);
	} else {
		http_send(status, "application/json", NULL, text, strlen(text));
	}
	free(text);
	json_decref(value);
}

static void handle(struct cgi *c)
{
	if (strcmp(c->request.method, "GET") != 0 && strcmp(c->request.method, "HEAD") != 0) {
		http_send(405, "application/json", "Allow: GET, HEAD\r\n", "{}", 2);
		return;
	}
	/* A visitor gets 200 too, because every static page requests this and a
	 * 401 would show as an error in the browser console on each visit. */
	if (!c->signed_in) {
		send_json(200, json_pack("{s:b}", "signed_in", 0));
		return;
	}
	send_json(200, json_pack("{s:b, s:s, s:s}", "signed_in", 1,
				 "full_name", c->user.full_name, "unit", c->user.unit_name));
}

int main(void)
{
	struct cgi c;

	if (cgi_begin_without_theme(&c, "me") == 0)
		handle(&c);
	cgi_end(&c);
	return 0;
}
