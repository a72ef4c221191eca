/* /proc/self/cmdline and environ are the guest's argv and environment
 * (NUL separated), also through /proc/<pid>/. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static size_t join(char *buf, char **v)
{
    size_t n = 0;
    for (; *v; v++) {
        strcpy(buf + n, *v);
        n += strlen(*v) + 1;
    }
    return n;
}

static ssize_t slurp(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t r, n = 0;
    while ((r = read(fd, buf + n, cap - n)) > 0)
        n += r;
    close(fd);
    return n;
}

int main(int argc, char **argv)
{
    (void)argc;
    static char want[65536], got[65536], path[64];
    size_t n = join(want, argv);
    ssize_t g = slurp("/proc/self/cmdline", got, sizeof got);
    printf("cmdline is argv: %s\n", g == (ssize_t)n && !memcmp(want, got, n) ? "ok" : "FAIL");
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)getpid());
    g = slurp(path, got, sizeof got);
    printf("/proc/<pid>/cmdline too: %s\n", g == (ssize_t)n && !memcmp(want, got, n) ? "ok" : "FAIL");
    n = join(want, environ);
    g = slurp("/proc/self/environ", got, sizeof got);
    printf("environ is the guest's: %s\n", g == (ssize_t)n && !memcmp(want, got, n) ? "ok" : "FAIL");
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    return 0;
}
