/* /proc/self/exe is the guest program: readlink (self, pid, thread-self,
 * truncated), realpath, stat and the file's content. */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(const char *what, int ok) { printf("%s: %s\n", what, ok ? "ok" : "FAIL"); }

int main(int argc, char **argv)
{
    (void)argc;
    char want[PATH_MAX], got[PATH_MAX], path[64];
    if (!realpath(argv[0], want))
        return 1;
    ssize_t n = readlink("/proc/self/exe", got, sizeof got);
    check("readlink /proc/self/exe", n == (ssize_t)strlen(want) && !memcmp(got, want, n));
    snprintf(path, sizeof path, "/proc/%d/exe", (int)getpid());
    n = readlink(path, got, sizeof got);
    check("readlink /proc/<pid>/exe", n == (ssize_t)strlen(want) && !memcmp(got, want, n));
    n = readlink("/proc/thread-self/exe", got, sizeof got);
    check("readlink /proc/thread-self/exe", n == (ssize_t)strlen(want) && !memcmp(got, want, n));
    n = readlink("//proc/./self//exe", got, sizeof got);
    check("readlink //proc/./self//exe", n == (ssize_t)strlen(want) && !memcmp(got, want, n));
    snprintf(path, sizeof path, "/proc/self/task/%d/exe", (int)gettid());
    n = readlink(path, got, sizeof got);
    check("readlink /proc/self/task/<tid>/exe", n == (ssize_t)strlen(want) && !memcmp(got, want, n));
    n = readlink("/proc/self/exe", got, 5);
    check("readlink truncates", n == 5 && !memcmp(got, want, 5));
    char *r = realpath("/proc/self/exe", NULL);
    check("realpath /proc/self/exe", r && !strcmp(r, want));
    struct stat a, b;
    check("stat /proc/self/exe is the program",
          !stat("/proc/self/exe", &a) && !stat(argv[0], &b) && a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    check("lstat /proc/self/exe is a link", !lstat("/proc/self/exe", &a) && S_ISLNK(a.st_mode));
    Elf64_Ehdr eh;
    int fd = open("/proc/self/exe", O_RDONLY);
    check("its content is a riscv ELF", fd >= 0 && read(fd, &eh, sizeof eh) == sizeof eh &&
                                            !memcmp(eh.e_ident, ELFMAG, SELFMAG) && eh.e_machine == EM_RISCV);
    return 0;
}
