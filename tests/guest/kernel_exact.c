/* Details where the Linux kernel is the reference and QEMU 7.2 differs
 * (so the qemu suite skips this): rt_sigaction drops SIGKILL and SIGSTOP
 * from sa_mask, they can never be blocked, and an ioctl request a file
 * does not know gives ENOTTY (QEMU: ENOSYS). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void)
{
    struct { unsigned long handler, flags, mask; } ka = {1, 0, ~0ul}, old = {0, 0, 0};
    long r = syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8);
    printf("set %ld\n", r);
    r = syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 8);
    printf("get %ld kill %d stop %d int %d\n", r, (int)((old.mask >> (SIGKILL - 1)) & 1),
           (int)((old.mask >> (SIGSTOP - 1)) & 1), (int)((old.mask >> (SIGINT - 1)) & 1));
    unsigned long all = ~0ul, now = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8);
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &now, 8);
    printf("blocked kill %d stop %d term %d\n", (int)((now >> (SIGKILL - 1)) & 1),
           (int)((now >> (SIGSTOP - 1)) & 1), (int)((now >> (SIGTERM - 1)) & 1));
    int p[2];
    pipe(p);
    errno = 0;
    int rc = ioctl(p[0], 0x54ff, 0);
    printf("unknown ioctl %d %s\n", rc, errno == ENOTTY ? "ENOTTY" : "other");
    return 0;
}
