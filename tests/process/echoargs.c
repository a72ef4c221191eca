/* Exec target: prints its argv and the machine it believes it runs on
 * (riscv64 under rvx). "chain N rest..." re-execs itself N more times
 * before printing, to test exec chains. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "chain") && atoi(argv[2]) > 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", atoi(argv[2]) - 1);
        argv[2] = n;
        execv("/proc/self/exe", argv);
        perror("execv");
        return 99;
    }
    struct utsname u;
    uname(&u);
    printf("echoargs on %s, argc=%d:", u.machine, argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    const char *e = getenv("PROCTEST");
    printf(" PROCTEST=%s\n", e ? e : "(unset)");
    return argc;
}
