/* SIGSEGV handler reads si_addr and si_code and siglongjmps out:
 * an unmapped address (MAPERR), a write to a read-only page (ACCERR),
 * and an instruction fetch from a non-executable page. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static volatile void *addr;
static volatile int code, signo;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    signo = sig;
    addr = si->si_addr;
    code = si->si_code;
    siglongjmp(env, 1);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    volatile int *bad = (int *)0x1234;
    if (!sigsetjmp(env, 1)) {
        *bad = 1;
        puts("no fault?");
    }
    printf("unmapped: sig=%d code=%d addr_ok=%d\n", signo, code, addr == (void *)0x1234);

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(env, 1)) {
        ((volatile char *)ro)[100] = 1;
        puts("no fault?");
    }
    printf("read-only: sig=%d code=%d addr_ok=%d\n", signo, code, addr == ro + 100);

    /* Mask saved by sigsetjmp(env, 1): SIGSEGV is not left blocked. */
    if (!sigsetjmp(env, 1)) {
        void (*fn)(void) = (void (*)(void))(void *)ro;
        fn();
        puts("no fault?");
    }
    printf("no-exec: sig=%d code=%d addr_ok=%d\n", signo, code, addr == ro);

    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("segv blocked after longjmp: %d\n", sigismember(&cur, SIGSEGV));
    return 0;
}
