/* Unwinding out of a signal handler: the handler returns through the
 * vDSO's __vdso_rt_sigreturn (li a7,139; ecall), which libgcc's unwinder
 * recognises as a signal frame, so backtrace() reaches main, and
 * dladdr names the trampoline like on a riscv64 kernel. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static int via_vdso, to_main, frames;

static void handler(int sig)
{
    void *pcs[32];
    frames = backtrace(pcs, 32);
    for (int i = 0; i < frames; i++) {
        Dl_info info;
        if (dladdr(pcs[i], &info) && info.dli_sname) {
            via_vdso |= !strcmp(info.dli_sname, "__vdso_rt_sigreturn") &&
                        !strcmp(info.dli_fname, "linux-vdso.so.1");
            to_main |= !strcmp(info.dli_sname, "main");
        }
    }
    (void)sig;
}

__attribute__((noinline)) void inner(void)
{
    raise(SIGUSR1);
    __asm__ volatile("");
}

int main(void)
{
    signal(SIGUSR1, handler);
    inner();
    printf("a frame is __vdso_rt_sigreturn in linux-vdso.so.1: %s\n", via_vdso ? "yes" : "no");
    printf("unwound through the signal frame to main: %s\n", to_main ? "yes" : "no");
    return 0;
}
