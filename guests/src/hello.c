/*
 * hello: prints a greeting, its arguments and its environment.
 *
 * Output (stdout), one item per line:
 *   hello, world
 *   argv[0]=...            every argv element, argv[0] included
 *   env NAME=VALUE         every environ entry, in environ order
 * Exit code: the integer in env var EXIT_CODE if set (atoi, & 0xff by the host), else 0.
 */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("hello, world\n");
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = environ; e && *e; e++)
        printf("env %s\n", *e);
    fflush(stdout);
    const char *code = getenv("EXIT_CODE");
    return code ? atoi(code) : 0;
}
