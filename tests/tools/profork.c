/* Guest program for tests/tools/run.sh (profile_fork): only the fork
 * child runs child_work, so only its profile (FILE.PID) names it. */
#include <sys/wait.h>
#include <unistd.h>

volatile long sink;

__attribute__((noinline)) static void child_work(void)
{
    for (long i = 0; i < 100000; i++)
        sink += i;
}

int main(void)
{
    pid_t p = fork();
    if (p == 0) {
        child_work();
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    return WEXITSTATUS(st);
}
