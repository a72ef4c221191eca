/* personality (PER_LINUX, set/query round trip), membarrier, the calls
 * rvx refuses on purpose (mount, umount2, syslog: EPERM; process_vm_*,
 * NUMA policy, io_uring: ENOSYS), pidfds, and the residency calls on
 * guest ranges: mlock/munlock/mlock2, mlockall/munlockall, mincore,
 * msync, with their alignment, hole and flag errors. */
#include "common.h"

#include <fcntl.h>
#include <linux/membarrier.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

static void persona(void)
{
    printf("personality query: %#x\n", personality(0xffffffff));
    printf("set ADDR_NO_RANDOMIZE, old: %#x\n", personality(PER_LINUX | ADDR_NO_RANDOMIZE));
    printf("query: %#x\n", personality(0xffffffff));
    printf("back to PER_LINUX, old: %#x\n", personality(PER_LINUX));
    printf("query: %#x\n", personality(0xffffffff));
}

static void barriers(void)
{
    long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    printf("query ok %d, private expedited offered %d\n", q >= 0,
           q >= 0 && (q & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
               (q & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED));
    SHOW("private expedited before register",
         syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
    SHOW("register private expedited",
         syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0));
    SHOW("private expedited", syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0));
    SHOW("query with flags", syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 1, 0));
    SHOW("unknown command", syscall(SYS_membarrier, 1 << 20, 0, 0));
}

static void refused(void)
{
    /* Paths that do not exist, so that a pass-through could do no harm. */
    SHOW("mount", syscall(SYS_mount, "none", "/nonexistent-rvx", "tmpfs", 0, NULL));
    SHOW("umount2", syscall(SYS_umount2, "/nonexistent-rvx", 0));
    char buf[256] = {0}; /* also an io_uring_params (120 bytes) */
    SHOW("syslog size", syscall(SYS_syslog, 10, buf, 0));
    SHOW("process_vm_readv", syscall(SYS_process_vm_readv, getpid(), NULL, 0, NULL, 0, 0));
    SHOW("get_mempolicy", syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0));
    SHOW("set_mempolicy", syscall(SYS_set_mempolicy, 0, NULL, 0));
    SHOW("io_uring_setup", syscall(SYS_io_uring_setup, 4, buf));
}

static void pidfds(void)
{
    int pfd = syscall(SYS_pidfd_open, getpid(), 0);
    printf("pidfd_open self: %d\n", pfd >= 0);
    SHOW("pidfd_send_signal 0", syscall(SYS_pidfd_send_signal, pfd, 0, NULL, 0));
    SHOW("pidfd_send_signal bad info", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, BADPTR, 0));
    int fd = syscall(SYS_pidfd_getfd, pfd, 1, 0);
    printf("pidfd_getfd stdout: %d\n", fd >= 0 || errno == EPERM);
    SHOW("pidfd_open bad flags", syscall(SYS_pidfd_open, getpid(), 0x7));
    SHOW("pidfd_open no such pid", syscall(SYS_pidfd_open, 0x3fffffff, 0));
    close(pfd);
}

static void residency(void)
{
    long pg = 4096;
    char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    MUST(munmap(m + 2 * pg, pg)); /* a hole: pages 0,1 mapped, 2 not, 3 mapped */
    m[0] = 1;
    unsigned char vec[4] = {0xee, 0xee, 0xee, 0xee};
    SHOW("mincore 2 pages", mincore(m, 2 * pg, vec));
    printf("page 0 resident %d, vec[2] untouched %d\n", vec[0] & 1, vec[2] == 0xee);
    SHOW("mincore unaligned", mincore(m + 1, pg, vec));
    SHOW("mincore over hole", mincore(m, 4 * pg, vec));
    SHOW("mincore bad vec", mincore(m, pg, BADPTR));
    SHOW("mincore partial len", mincore(m, 100, vec));

    int r = mlock(m + 10, 100); /* rounds to page 0 */
    printf("mlock: %s\n", r == 0 ? "0" : (errno == EPERM || errno == ENOMEM) ? "limited" : "?");
    SHOW("munlock", munlock(m, pg));
    SHOW("mlock over hole", mlock(m, 4 * pg));
    SHOW("munlock over hole", munlock(m, 4 * pg));
    SHOW("mlock2 bad flags", syscall(SYS_mlock2, m, pg, 2));
    r = syscall(SYS_mlock2, m, pg, MLOCK_ONFAULT);
    printf("mlock2 onfault: %s\n", r == 0 ? "0" : (errno == EPERM || errno == ENOMEM) ? "limited" : "?");
    SHOW("mlock len 0", mlock(m + 3 * pg, 0));
    SHOW("mlockall 0", mlockall(0));
    SHOW("mlockall ONFAULT alone", mlockall(MCL_ONFAULT));
    SHOW("mlockall FUTURE", mlockall(MCL_FUTURE));
    SHOW("munlockall", munlockall());

    SHOW("msync over hole", msync(m, 4 * pg, MS_ASYNC));
    SHOW("msync SYNC over hole", msync(m, 4 * pg, MS_SYNC));
    SHOW("msync mapped part", msync(m, 2 * pg, MS_SYNC));

    char path[64];
    snprintf(path, sizeof path, "/tmp/rvx-msync-%d", getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    MUST(ftruncate(fd, pg));
    char *f = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(f, "synced", 6);
    SHOW("msync SYNC", msync(f, pg, MS_SYNC));
    char back[8] = {0};
    pread(fd, back, 6, 0);
    printf("file has \"%s\"\n", back);
    SHOW("msync ASYNC|SYNC", msync(f, pg, MS_ASYNC | MS_SYNC));
    SHOW("msync unaligned", msync(f + 1, pg, MS_SYNC));
    SHOW("msync bad flag", msync(f, pg, 8));
    SHOW("msync len 0", msync(f, 0, MS_SYNC));
    munmap(f, pg);
    close(fd);
    unlink(path);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    persona();
    barriers();
    refused();
    pidfds();
    residency();
    return 0;
}
