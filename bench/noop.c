/* noop.c - the smallest CGI program, the baseline for Khoa's CGI benchmark:
 * it reads nothing and writes a fixed one-line response. */
#include <stdio.h>

int main(void)
{
	fputs("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n", stdout);
	return 0;
}
