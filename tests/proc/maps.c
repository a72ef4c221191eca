/* /proc/self/maps from the guest's point of view: guest addresses, the
 * program and its libraries by path with offsets and dev:ino, [heap],
 * [stack], [vdso], new mappings as they appear; the kernel's format. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

struct line {
    unsigned long start, end, off, ino;
    unsigned maj, min;
    char perm[5], name[512];
};
static struct line lines[256];
static int nlines, format_ok = 1;
static char text[65536];

static int load_from(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n, len = 0;
    while ((n = read(fd, text + len, sizeof text - 1 - len)) > 0)
        len += n;
    text[len] = 0;
    char again[64];
    /* a file like any other: lseek back and read the start again */
    int rewind_ok = lseek(fd, 0, SEEK_SET) == 0 && read(fd, again, sizeof again) == sizeof again &&
                    !memcmp(again, text, sizeof again);
    close(fd);
    nlines = 0;
    for (char *l = text, *nl; *l && nlines < 256; l = nl + 1) {
        nl = strchr(l, '\n');
        *nl = 0;
        struct line *x = &lines[nlines++];
        int pos = 0;
        if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &x->start, &x->end, x->perm, &x->off, &x->maj,
                   &x->min, &x->ino, &pos) != 7)
            format_ok = 0;
        x->name[0] = 0;
        if (l[pos]) {
            /* names start at column 73, after padding */
            if (pos > 73 || (pos < 73 && strspn(l + pos, " ") != (size_t)(73 - pos)))
                format_ok = 0;
            snprintf(x->name, sizeof x->name, "%s", l + (pos < 73 ? 73 : pos));
        } else if (l[pos - 1] != ' ') {
            format_ok = 0; /* unnamed lines end with a space */
        }
    }
    return rewind_ok;
}

static int load(void) { return load_from("/proc/self/maps"); }

static struct line *find(const void *p)
{
    unsigned long a = (unsigned long)p;
    for (int i = 0; i < nlines; i++)
        if (lines[i].start <= a && a < lines[i].end)
            return &lines[i];
    return NULL;
}

static void check(const char *what, int ok) { printf("%s: %s\n", what, ok ? "ok" : "FAIL"); }

int main(int argc, char **argv)
{
    (void)argc;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    void *small = malloc(64);
    check("read, lseek, read again", load());
    check("format", format_ok && nlines > 4);
    int sorted = 1;
    for (int i = 0; i < nlines; i++)
        sorted &= lines[i].start < lines[i].end && lines[i].end <= (1ul << 38) &&
                  (i == 0 || lines[i - 1].end <= lines[i].start);
    check("guest addresses, sorted, disjoint", sorted);
    struct line *l = find((void *)&main);
    check("main is in the program, r-x", l && !strcmp(l->name, exe) && !strcmp(l->perm, "r-xp"));
    int local;
    l = find(&local);
    check("a local is in [stack]", l && !strcmp(l->name, "[stack]") && !strcmp(l->perm, "rw-p"));
    l = find(small);
    check("malloc(64) is in [heap]", l && !strcmp(l->name, "[heap]"));
    l = find((void *)getauxval(AT_SYSINFO_EHDR));
    check("AT_SYSINFO_EHDR is [vdso], r-x", l && !strcmp(l->name, "[vdso]") && !strcmp(l->perm, "r-xp"));
#ifndef STATIC
    l = find((void *)&printf);
    size_t len = l ? strlen(l->name) : 0;
    check("printf is in libc.so.6", l && len > 10 && !strcmp(l->name + len - 10, "/libc.so.6"));
#endif
    struct stat st;
    int fd = open(argv[0], O_RDONLY);
    char *m = fd >= 0 ? mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096) : MAP_FAILED;
    char *none = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fstat(fd, &st);
    load();
    l = find(m);
    check("a new file mapping: path, offset, dev:ino, r--s",
          l && !strcmp(l->name, exe) && l->off == 4096 && l->ino == st.st_ino &&
              l->maj == major(st.st_dev) && l->min == minor(st.st_dev) && !strcmp(l->perm, "r--s"));
    l = find(none);
    check("a new PROT_NONE mapping: ---p, no name", l && !strcmp(l->perm, "---p") && !l->name[0] &&
                                                          l->off == 0 && l->ino == 0);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task/%d/maps", (int)getpid(), (int)gettid());
    load_from(path);
    check("the same through /proc/<pid>/task/<tid>/maps", find(&local) && !strcmp(find(&local)->name, "[stack]"));
    return 0;
}
