/* Allocates until the guest address space is full: mmap of 4 GiB
 * (NORESERVE, untouched) until ENOMEM, then malloc of 256 MiB until it
 * returns NULL with errno ENOMEM, then small mallocs still work after
 * freeing. rvx must hand out ENOMEM, never crash. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(void)
{
    static void *maps[1024];
    int n = 0;
    errno = 0;
    while (n < 1024) {
        void *p = mmap(NULL, 4ul << 30, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED)
            break;
        ((char *)p)[4096] = 1; /* touch one page */
        maps[n++] = p;
    }
    printf("%s mmap: %d x 4 GiB, then %s\n", errno == ENOMEM && n > 10 ? "ok" : "FAIL", n,
           strerror(errno));
    static void *blocks[4096];
    int m = 0;
    errno = 0;
    while (m < 4096 && (blocks[m] = malloc(256ul << 20)))
        m++;
    printf("%s malloc: %d x 256 MiB before NULL (%s)\n", errno == ENOMEM ? "ok" : "FAIL", m,
           strerror(errno));
    for (int i = 0; i < n; i++)
        munmap(maps[i], 4ul << 30);
    for (int i = 0; i < m; i++)
        free(blocks[i]);
    char *s = malloc(1 << 20);
    if (s)
        memset(s, 1, 1 << 20);
    void *big = malloc(1ul << 30);
    printf("%s after freeing: malloc works again\n", s && big ? "ok" : "FAIL");
    return !(s && big);
}
