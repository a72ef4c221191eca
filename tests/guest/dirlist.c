/* Directory listing: creates entries in a temp dir, lists them with
 * readdir (getdents64), prints them sorted with their types. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/rvx-dirlist-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    /* Many entries so that getdents64 needs several calls. */
    for (int i = 0; i < 300; i++) {
        snprintf(path, sizeof path, "%s/file_%03d_%s", dir, (i * 97) % 300, i % 2 ? "odd" : "even");
        int fd = open(path, O_CREAT | O_WRONLY, 0644);
        if (fd < 0)
            return 2;
        close(fd);
    }
    snprintf(path, sizeof path, "%s/zdir", dir);
    mkdir(path, 0755);
    DIR *d = opendir(dir);
    if (!d)
        return 3;
    char *names[400];
    int n = 0, regs = 0, dirs = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 400) {
        names[n++] = strdup(e->d_name);
        regs += e->d_type == DT_REG;
        dirs += e->d_type == DT_DIR;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("entries %d regular %d dirs %d\n", n, regs, dirs);
    for (int i = 0; i < n; i += 25)
        printf("%s\n", names[i]);
    printf("last %s\n", names[n - 1]);
    for (int i = 0; i < n; i++) {
        if (names[i][0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (names[i][0] == 'z' ? rmdir(path) : unlink(path))
                return 4;
        }
        free(names[i]);
    }
    return rmdir(dir) ? 5 : 0;
}
