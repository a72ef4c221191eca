/* getcwd/chdir/fchdir, relative paths and the ERANGE case. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sayerr.h"

int main(void)
{
    char buf[4096], start[4096];
    if (!getcwd(start, sizeof start))
        return 1;
    printf("chdir / %d\n", chdir("/"));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    printf("chdir /usr %d\n", chdir("/usr"));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    printf("chdir .. %d\n", chdir(".."));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    SAYERR("chdir missing", chdir("/no/such/dir"));
    SAYERR("chdir file", chdir("/etc/passwd"));
    int fd = open("/usr", O_RDONLY | O_DIRECTORY);
    SAYERR("chdir /", chdir("/"));
    SAYERR("fchdir", fchdir(fd));
    printf("cwd %s\n", getcwd(buf, sizeof buf));
    close(fd);
    SAYERR("small getcwd", getcwd(buf, 3) ? 1 : -1);
    char *dyn = getcwd(NULL, 0);
    printf("getcwd(NULL) %s\n", dyn);
    free(dyn);
    SAYERR("back", chdir(start));
    printf("same %d\n", strcmp(getcwd(buf, sizeof buf), start) == 0);
    return 0;
}
