/* /proc/self/auxv is the auxv on the guest's stack, byte for byte, and
 * agrees with getauxval. */
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
    char **e = environ;
    while (*e)
        e++;
    const Elf64_auxv_t *stack = (const Elf64_auxv_t *)(e + 1);
    size_t n = 0;
    while (stack[n].a_type != AT_NULL)
        n++;
    n++;
    Elf64_auxv_t file[64];
    int fd = open("/proc/self/auxv", O_RDONLY);
    ssize_t got = fd >= 0 ? read(fd, file, sizeof file) : -1;
    close(fd);
    printf("size: %s\n", got == (ssize_t)(n * sizeof *file) ? "ok" : "FAIL");
    printf("same bytes as the stack: %s\n", got > 0 && !memcmp(file, stack, (size_t)got) ? "ok" : "FAIL");
    int agree = got > 0;
    for (size_t i = 0; agree && i + 1 < n; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= file[j].a_type != file[i].a_type;
        if (first && getauxval(file[i].a_un.a_val ? file[i].a_type : file[i].a_type) != file[i].a_un.a_val)
            agree = 0;
    }
    printf("agrees with getauxval: %s\n", agree ? "ok" : "FAIL");
    printf("ends with AT_NULL: %s\n", got > 0 && file[n - 1].a_type == AT_NULL ? "ok" : "FAIL");
    return 0;
}
