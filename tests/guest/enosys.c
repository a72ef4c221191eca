/* Unknown syscall numbers fail with ENOSYS and change nothing. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
    errno = 0;
    long r = syscall(999);
    printf("syscall(999) = %ld errno %s\n", r, errno == ENOSYS ? "ENOSYS" : "other");
    errno = 0;
    r = syscall(500, 1, 2, 3);
    printf("syscall(500) = %ld errno %s\n", r, errno == ENOSYS ? "ENOSYS" : "other");
    errno = 0;
    r = syscall(244); /* arch_specific_syscall base: unused on riscv */
    printf("syscall(244) = %ld errno %s\n", r, errno == ENOSYS ? "ENOSYS" : "other");
    printf("still running\n");
    return 0;
}
