/* The unwinder steps through a signal frame: backtrace() inside a
 * handler reaches the function that was interrupted. libgcc recognises
 * the frame by the two instruction words at ra (li a7,139; ecall) and
 * reads the registers from the ucontext behind it, so this checks the
 * trampoline and the frame layout the way real programs use them. */
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void *frames[32];
static int nframes;
static uintptr_t victim_lo, victim_hi;

static void on_usr1(int sig)
{
    (void)sig;
    nframes = backtrace(frames, 32);
}

__attribute__((noinline)) void victim(void)
{
    raise(SIGUSR1);
    __asm__ volatile("" ::: "memory");
}
__attribute__((noinline)) void victim_end(void) { __asm__ volatile(""); }

int main(void)
{
    signal(SIGUSR1, on_usr1);
    victim_lo = (uintptr_t)victim;
    victim_hi = (uintptr_t)victim_end;
    if (victim_hi < victim_lo)
        victim_hi = victim_lo + 64;
    victim();
    int found = 0;
    for (int i = 0; i < nframes; i++)
        if ((uintptr_t)frames[i] > victim_lo && (uintptr_t)frames[i] <= victim_hi)
            found = 1;
    printf("backtrace through the signal frame: %s, deep %d\n", found ? "ok" : "MISSING",
           nframes > 3);
    return 0;
}
