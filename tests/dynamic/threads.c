/* Threads in a dynamic program: ld.so sets up each thread's static TLS
 * (__thread) and libc's locks; compared with qemu. */
#include <pthread.h>
#include <stdio.h>
static __thread int tls = 7;
static int total;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg)
{
    int id = (int)(long)arg;
    tls += id;
    pthread_mutex_lock(&mu);
    total += tls;
    pthread_mutex_unlock(&mu);
    return NULL;
}
int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, work, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("total=%d tls=%d\n", total, tls);
    return 0;
}
