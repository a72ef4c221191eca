/* The program's own path as the guest sees it, run from a sysroot:
 * readlink of /proc/self/exe and /proc/<pid>/exe names the file inside
 * the sysroot (/usr/bin/exe-prog, the link resolved), not the host path
 * of it, and AT_EXECFN is the name execve was given (the symlink
 * /usr/bin/alias; a script's own path when a script is run). The first
 * run execs /usr/bin/alias, which execs the script /usr/bin/script
 * ("#!/usr/bin/exe-prog scripted"). /proc/self/maps names the
 * program's and libc's mappings by their guest paths too. As on a
 * riscv64 Linux whose root is the sysroot. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static void show_link(const char *who, const char *what, const char *path)
{
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("%s: %s=%s\n", who, what, buf);
}

/* The name of the first mapping whose name ends with tail. */
static void show_map(const char *who, const char *tail)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512], *name = NULL;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *slash = strchr(line, '/');
        size_t n = strlen(line), t = strlen(tail);
        if (slash && n >= t && !strcmp(line + n - t, tail)) {
            name = slash;
            break;
        }
    }
    printf("%s: mapped %s\n", who, name ? name : "(none)");
    if (f)
        fclose(f);
}

int main(int argc, char **argv)
{
    const char *who = argc > 1 ? argv[1] : "first";
    char path[64];
    show_link(who, "exe", "/proc/self/exe");
    snprintf(path, sizeof path, "/proc/%d/exe", (int)getpid());
    show_link(who, "pid exe", path);
    printf("%s: execfn=%s\n", who, (const char *)getauxval(AT_EXECFN));
    show_map(who, "/exe-prog");
    show_map(who, "/libc.so.6");
    fflush(stdout);
    if (!strcmp(who, "first"))
        execl("/usr/bin/alias", "alias", "exec", (char *)NULL);
    else if (!strcmp(who, "exec"))
        execl("/usr/bin/script", "script", (char *)NULL);
    else
        return 0;
    perror("execl");
    return 1;
}
