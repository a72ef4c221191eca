/* Asynchronous signals reach a guest whose only cycle is made of calls:
 * `1: jal ra, 1b` calls itself forever without returning, and two
 * functions call each other the same way. Direct calls enter their
 * target past the interrupt check; the return-address frames they push
 * fill up within 2048 calls, after which calls take the checked table
 * path, so the timer's signal must still arrive. The handler leaves
 * with siglongjmp. Exits 0 when both loops were interrupted. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static sigjmp_buf back;
static volatile sig_atomic_t hits;

static void on_alarm(int sig)
{
    (void)sig;
    hits++;
    siglongjmp(back, 1);
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };
    if (!sigsetjmp(back, 1)) {
        setitimer(ITIMER_REAL, &it, NULL);
        __asm__ volatile("1: jal ra, 1b" ::: "ra", "memory");
    }
    if (!sigsetjmp(back, 1)) {
        setitimer(ITIMER_REAL, &it, NULL);
        __asm__ volatile("2: jal ra, 3f\n nop\n 3: jal ra, 2b" ::: "ra", "memory");
    }
    if (hits != 2) {
        printf("call_cycle: %d of 2 loops interrupted\n", (int)hits);
        return 1;
    }
    puts("call_cycle ok");
    return 0;
}
