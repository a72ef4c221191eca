/* exit() from a secondary thread ends the whole process with its
 * status, while the main thread is blocked in pthread_join. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *quitter(void *arg)
{
    (void)arg;
    usleep(20000);
    printf("thread calls exit(42)\n");
    exit(42);
}

static void *spinner(void *arg)
{
    (void)arg;
    for (volatile unsigned long i = 0;; i++)
        ;
    return NULL;
}

int main(void)
{
    pthread_t t, s;
    pthread_create(&s, NULL, spinner, NULL);
    pthread_create(&t, NULL, quitter, NULL);
    pthread_join(t, NULL);
    printf("main: not reached\n");
    return 0;
}
