/* Asynchronous signals reach a guest spinning in a tight loop that the
 * translator has chained to itself: an interval timer's SIGALRM must be
 * delivered within bounded time. Exits 0 when the handler ran. */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void on_alarm(int sig) { (void)sig; ticks++; }

int main(void)
{
    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    unsigned long spins = 0;
    while (ticks < 5)
        spins++;
    it.it_value.tv_usec = it.it_interval.tv_usec = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    printf("spin_signal ok (%s)\n", spins ? "spun" : "no spin");
    return 0;
}
