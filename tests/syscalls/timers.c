/* Interval timers and POSIX timers, without relying on signal
 * delivery: SIGALRM is blocked while ITIMER_REAL is armed, SIGEV_NONE
 * timers are read with timer_gettime, and every timer is disarmed
 * before it could fire. */
#include "common.h"

#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void itimers(void)
{
    struct itimerval it = {{2, 500000}, {100, 0}}, old, cur;
    SHOW("setitimer REAL", setitimer(ITIMER_REAL, &it, &old));
    printf("old disarmed %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0);
    SHOW("getitimer REAL", getitimer(ITIMER_REAL, &cur));
    printf("interval %ld.%06ld value in (99,100]: %d\n", (long)cur.it_interval.tv_sec,
           (long)cur.it_interval.tv_usec,
           cur.it_value.tv_sec == 99 || (cur.it_value.tv_sec == 100 && cur.it_value.tv_usec == 0));
    struct itimerval zero = {{0, 0}, {0, 0}};
    SHOW("disarm REAL", setitimer(ITIMER_REAL, &zero, &old));
    printf("old interval %ld.%06ld\n", (long)old.it_interval.tv_sec, (long)old.it_interval.tv_usec);
    SHOW("getitimer after", getitimer(ITIMER_REAL, &cur));
    printf("value %ld.%06ld\n", (long)cur.it_value.tv_sec, (long)cur.it_value.tv_usec);

    it = (struct itimerval){{0, 0}, {50, 0}};
    SHOW("setitimer VIRTUAL", setitimer(ITIMER_VIRTUAL, &it, NULL));
    SHOW("getitimer VIRTUAL", getitimer(ITIMER_VIRTUAL, &cur));
    printf("virtual value <= 50s: %d\n", cur.it_value.tv_sec <= 50 && cur.it_value.tv_sec >= 49);
    SHOW("disarm VIRTUAL", setitimer(ITIMER_VIRTUAL, &zero, NULL));
    SHOW("setitimer PROF", setitimer(ITIMER_PROF, &zero, NULL));
    SHOW("setitimer bad which", setitimer(7, &zero, NULL));
    it = (struct itimerval){{0, 0}, {0, 1000000}};
    SHOW("setitimer bad usec", setitimer(ITIMER_REAL, &it, NULL));
    SHOW("getitimer bad ptr", getitimer(ITIMER_REAL, BADPTR));
    SHOW("setitimer bad ptr", setitimer(ITIMER_REAL, BADPTR, NULL));
}

static long ms(const struct timespec *t) { return t->tv_sec * 1000 + t->tv_nsec / 1000000; }

static void posix_timers(void)
{
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_NONE;
    timer_t t;
    SHOW("timer_create NONE", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec its = {{1, 0}, {5, 0}}, old, cur;
    SHOW("timer_settime", timer_settime(t, 0, &its, &old));
    printf("old disarmed %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
    SHOW("timer_gettime", timer_gettime(t, &cur));
    printf("interval %ld ms, value in (4s,5s]: %d\n", ms(&cur.it_interval),
           ms(&cur.it_value) > 4000 && ms(&cur.it_value) <= 5000);
    SHOW("timer_getoverrun", timer_getoverrun(t));

    /* A short periodic SIGEV_NONE timer counts overruns only when a
     * signal would have been queued; with NONE it just runs. */
    its = (struct itimerspec){{0, 1000000}, {0, 1000000}};
    SHOW("timer_settime 1ms", timer_settime(t, 0, &its, NULL));
    struct timespec nap = {0, 20 * 1000 * 1000};
    nanosleep(&nap, NULL);
    SHOW("timer_gettime running", timer_gettime(t, &cur));
    printf("still periodic %d\n", ms(&cur.it_interval) == 1);
    SHOW("timer_delete", timer_delete(t));
    SHOW("timer_delete again", timer_delete(t));
    SHOW("timer_gettime deleted", timer_gettime(t, &cur));

    /* SIGEV_SIGNAL with the signal blocked and the timer disarmed in time;
     * SIGEV_THREAD_ID names this thread (the kernel's tid, not glibc's). */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 42;
    SHOW("timer_create SIGNAL", timer_create(CLOCK_REALTIME, &sev, &t));
    SHOW("timer_delete", timer_delete(t));
    int kt;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGUSR1;
    sev._sigev_un._tid = gettid();
    SHOW("raw timer_create THREAD_ID", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &kt));
    SHOW("raw timer_delete", syscall(SYS_timer_delete, kt));
    sev._sigev_un._tid = 1; /* init is not in this thread group */
    SHOW("THREAD_ID foreign tid", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &kt));
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = 99;
    SHOW("bad signo", syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &kt));
    SHOW("bad clock", syscall(SYS_timer_create, 12345, NULL, &kt));
    SHOW("bad sigevent ptr", syscall(SYS_timer_create, CLOCK_MONOTONIC, BADPTR, &kt));
    SHOW("bad id ptr", syscall(SYS_timer_create, CLOCK_MONOTONIC, NULL, BADPTR));
}

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGVTALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    itimers();
    posix_timers();
    return 0;
}
