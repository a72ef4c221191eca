/* /proc/self/stat, status and comm name the guest program and hold its
 * (guest) addresses; VmSize is the guest's, not rvx's reservation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static char buf[8192];

static const char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = 0;
    return buf;
}

int main(int argc, char **argv)
{
    (void)argc;
    printf("comm: %s", slurp("/proc/self/comm"));
    const char *s = slurp("/proc/self/status");
    const char *vm = strstr(s, "VmSize:");
    printf("status %.*s\n", (int)strcspn(s, "\n"), s);
    printf("VmSize below 1 GiB: %s\n", vm && strtoul(vm + 7, NULL, 10) < (1ul << 20) ? "ok" : "FAIL");
    s = slurp("/proc/self/stat");
    printf("stat comm: %.*s\n", (int)(strchr(s, ')') + 1 - strchr(s, '(')), strchr(s, '('));
    unsigned long f[53] = {0};
    const char *p = strrchr(s, ')') + 2;
    for (int i = 3; i < 53 && *p; i++) {
        f[i] = strtoul(p, (char **)&p, 10); /* field 3, the state letter, gives 0 */
        while (*p && *p != ' ')
            p++;
        while (*p == ' ')
            p++;
    }
    int local;
    printf("startcode <= main < endcode: %s\n",
           f[26] <= (unsigned long)&main && (unsigned long)&main < f[27] ? "ok" : "FAIL");
    printf("startstack above locals, in the guest stack: %s\n",
           f[28] > (unsigned long)&local && f[28] < (1ul << 38) ? "ok" : "FAIL");
    printf("arg_start is argv[0]: %s\n", f[48] == (unsigned long)argv[0] ? "ok" : "FAIL");
    printf("env_start is environ[0]: %s\n", f[50] == (unsigned long)environ[0] ? "ok" : "FAIL");
    return 0;
}
