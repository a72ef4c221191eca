/* Guest paths through the sysroot: absolute paths that exist there are
 * the sysroot's, others the host's; / and /proc, /tmp are the host's;
 * relative paths follow chdir into the sysroot. */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *machine(const char *path)
{
    Elf64_Ehdr eh;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return "cannot open";
    ssize_t n = read(fd, &eh, sizeof eh);
    close(fd);
    if (n != sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG))
        return "not ELF";
    return eh.e_machine == EM_RISCV ? "riscv" : "other";
}

static int has(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d && (e = readdir(d)))
        found |= !strcmp(e->d_name, name);
    if (d)
        closedir(d);
    return found;
}

int main(void)
{
    printf("/lib/libc.so.6: %s\n", machine("/lib/libc.so.6"));
    printf("/lib/./libc.so.6: %s\n", machine("/lib/./libc.so.6"));
    printf("access ld.so: %d\n", access("/lib/ld-linux-riscv64-lp64d.so.1", R_OK));
    struct stat st;
    printf("stat /proc/self: %d\n", stat("/proc/self", &st));
    printf("/ is the host's (has proc): %d\n", has("/", "proc"));
    printf("/lib lists the sysroot (has libc.so.6): %d\n", has("/lib", "libc.so.6"));
    char tmp[] = "/tmp/rvx-dynamic-XXXXXX";
    int fd = mkstemp(tmp);
    printf("/tmp file: %s\n", fd >= 0 && write(fd, "x", 1) == 1 && !stat(tmp, &st) && st.st_size == 1 &&
                                      !unlink(tmp) ? "ok" : "bad");
    char *real = realpath("/lib/libc.so.6", NULL);
    printf("realpath /lib/libc.so.6: %s\n", real ? real : "(error)");
    free(real);
    printf("missing file: %d\n", access("/lib/no-such-file-here", F_OK));
    if (chdir("/lib") == 0)
        printf("after chdir /lib, libc.so.6: %s\n", machine("libc.so.6"));
    return 0;
}
