/* fork and exec in loops: 200 fork+exit, 20 fork of a fork child (the
 * grandchild leaves through exit(), so rvx's own exit path, and under
 * LeakSanitizer its leak check, runs in it), 100 fork+execve of this
 * program (which exits with its argument), 50 vfork+execve; every
 * child's status must come back right. Run as "forkexec" (parent) or
 * "forkexec N". */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int reap(pid_t pid, int want)
{
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return 0;
    return WIFEXITED(st) && WEXITSTATUS(st) == want;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return atoi(argv[1]);
    int bad = 0;
    for (int i = 0; i < 200; i++) {
        pid_t p = fork();
        if (p == 0)
            _exit(i & 127);
        bad += !reap(p, i & 127);
    }
    printf("%s fork\n", bad ? "FAIL" : "ok");
    fflush(stdout); /* or exit() in the grandchildren writes it again */
    int bad_nested = 0;
    for (int i = 0; i < 20; i++) {
        pid_t p = fork();
        if (p == 0) {
            pid_t g = fork();
            if (g == 0)
                exit(i + 1);
            _exit(reap(g, i + 1) ? 0 : 1);
        }
        bad_nested += !reap(p, 0);
    }
    printf("%s fork of a fork child\n", bad_nested ? "FAIL" : "ok");
    int bad_exec = 0;
    for (int i = 0; i < 100; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", i % 100);
        char *args[] = {argv[0], num, NULL};
        pid_t p = fork();
        if (p == 0) {
            execve("/proc/self/exe", args, environ);
            _exit(255);
        }
        bad_exec += !reap(p, i % 100);
    }
    printf("%s fork+exec\n", bad_exec ? "FAIL" : "ok");
    int bad_vfork = 0;
    for (int i = 0; i < 50; i++) {
        char num[16];
        snprintf(num, sizeof num, "%d", 100 + i);
        char *args[] = {argv[0], num, NULL};
        pid_t p = vfork();
        if (p == 0) {
            execve(argv[0], args, environ);
            _exit(255);
        }
        bad_vfork += !reap(p, 100 + i);
    }
    printf("%s vfork+exec\n", bad_vfork ? "FAIL" : "ok");
    return bad || bad_nested || bad_exec || bad_vfork;
}
