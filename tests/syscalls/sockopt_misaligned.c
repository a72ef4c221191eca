/* Regression (found by tests/fuzz/fuzz_syscall): getsockopt with an
 * optlen pointer that is not 4-byte aligned. Linux accepts any address;
 * rvx read the length through an int * (undefined behaviour, an abort
 * under make check-asan). The value and the length must round-trip. */
#include "common.h"

#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
    int fd;
    MUST(fd = socket(AF_UNIX, SOCK_DGRAM, 0));
    int one = 1;
    MUST(setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one));
    unsigned char buf[16] __attribute__((aligned(8)));
    socklen_t len = sizeof(int);
    memcpy(buf + 1, &len, sizeof len); /* optlen at an odd address */
    int v = -1;
    SHOW("getsockopt, odd optlen", getsockopt(fd, SOL_SOCKET, SO_PASSCRED, &v,
                                              (socklen_t *)(buf + 1)));
    memcpy(&len, buf + 1, sizeof len);
    printf("value %d len %u\n", v, len);
    close(fd);
    return 0;
}
