/* fork and exec in a multi-threaded process: the child of a fork has
 * only the forking thread and can use malloc, stdio and threads; an
 * execve from a secondary thread replaces the whole process. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static atomic_int stop;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long work;

static void *busy(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop)) {
        pthread_mutex_lock(&mu);
        work++;
        pthread_mutex_unlock(&mu);
        free(malloc(100));
    }
    return NULL;
}

static void *child_thread(void *arg)
{
    return (void *)((long)arg * 3);
}

static void *execer(void *arg)
{
    char *argv[] = {"exec-from-thread", "t", NULL};
    execv((char *)arg, argv);
    perror("execv");
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, busy, NULL);
    usleep(10000);
    for (int round = 0; round < 5; round++) {
        fflush(stdout);
        pid_t p = fork();
        if (p == 0) {
            pthread_t c;
            void *r;
            char *m = malloc(1000);
            strcpy(m, "child");
            pthread_create(&c, NULL, child_thread, (void *)14L);
            pthread_join(c, &r);
            _exit((int)(long)r);
        }
        int st;
        waitpid(p, &st, 0);
        printf("round %d: child exited %d\n", round, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    fflush(stdout);
    if (argc > 1) {
        pthread_t e;
        pthread_create(&e, NULL, execer, argv[1]);
        pthread_join(e, NULL);
        printf("not reached\n");
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
