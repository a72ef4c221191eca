/* Guest program for tests/tools/run.sh: --strace across a fork, an
 * execve (the child runs this program again with "child") and a thread,
 * as strace -f shows them: [pid N] on the child's lines and, from the
 * fork on, on the parent's. */
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread_main(void *arg)
{
    (void)arg;
    getpid();
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1) { /* the child, after execve */
        getppid();
        return 3;
    }
    pid_t p = fork();
    if (p == 0) {
        execl(argv[0], argv[0], "child", (char *)0);
        _exit(1);
    }
    int st;
    waitpid(p, &st, 0);
    pthread_t t;
    pthread_create(&t, NULL, thread_main, NULL);
    pthread_join(t, NULL);
    return WEXITSTATUS(st) == 3 ? 0 : 1;
}
