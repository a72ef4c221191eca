/* Symlinks inside the sysroot are followed inside it, as in a chroot:
 * run with -L fakeroot (built by tests/dynamic/run.sh), where ld.so and
 * libc are reached through absolute and relative links, /data/link ->
 * /data/file.txt is absolute, and the host has no /data. Calls that do
 * not follow a final link (readlink, lstat, unlink) see the link. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *slurp(const char *path)
{
    static char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return strerror(errno);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    buf[strcspn(buf, "\n")] = 0;
    return buf;
}

int main(void)
{
    char buf[256];
    struct stat st;
    printf("read /data/link: %s\n", slurp("/data/link"));
    printf("read /data/../data/link: %s\n", slurp("/data/../data/link"));
    printf("read /data/dir/up (-> ../file.txt): %s\n", slurp("/data/dir/up"));
    printf("read /data/link/: %s\n", slurp("/data/link/"));
    ssize_t n = readlink("/data/link", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("readlink /data/link: %s\n", buf);
    printf("lstat /data/link: %s\n", !lstat("/data/link", &st) && S_ISLNK(st.st_mode) ? "a link" : "not a link");
    printf("stat /data/link: %s, %lld bytes\n", !stat("/data/link", &st) && S_ISREG(st.st_mode) ? "a file" : "?",
           (long long)st.st_size);
    printf("access /data/link: %d\n", access("/data/link", R_OK));
    printf("unlink /data/victim: %d, /data/file.txt still there: %s\n", unlink("/data/victim"),
           access("/data/file.txt", F_OK) == 0 ? "yes" : "no");
    char tmp[] = "/tmp/rvx-links-XXXXXX";
    int fd = mkstemp(tmp);
    close(fd);
    unlink(tmp);
    int r = symlink("/data/file.txt", tmp);
    n = readlink(tmp, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("symlink keeps the guest's target: %d %s\n", r, buf);
    unlink(tmp);
    if (chdir("/data/dir") == 0)
        printf("chdir /data/dir, read ../file.txt: %s\n", slurp("../file.txt"));
    return 0;
}
