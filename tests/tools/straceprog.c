/* Guest program for tests/tools/run.sh: a few syscalls whose strace
 * lines are known, built for riscv64 (run under rvx --strace) and for
 * the host (run under strace) so the two outputs can be compared. */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *tmp = argc > 1 ? argv[1] : "/tmp/rvx-strace-test";
    int fd = open("/etc/passwd", O_RDONLY | O_CLOEXEC);
    close(fd);
    open("/nonexistent/rvx-test", O_RDONLY);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640);
    write(fd, "line\n\t\"quoted\"\001", 15);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fd, F_GETFL);
    close(fd);
    unlink(tmp);
    void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(p, 4096, PROT_NONE);
    munmap(p, 8192);
    struct timespec ts;
    syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
    lseek(0, 0, SEEK_CUR);
    faccessat(AT_FDCWD, "/", R_OK | X_OK, 0);
    _exit(3);
}
