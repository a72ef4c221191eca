/* Guest path -> host path (see path.h). The rules, as QEMU's -L, made
 * to hold for symlinks too:
 * - an absolute guest path is walked one component at a time inside the
 *   sysroot, the way a chroot would: symlinks found there are followed
 *   by rvx (an absolute target restarts at the sysroot, not at the host
 *   root; ".." never leaves the sysroot), except the last component when
 *   the caller does not follow it (unlink, readlink, lstat ...);
 * - the first component missing from the sysroot ends the walk: the
 *   guest's path is the host's (so new files are created on the host),
 *   or, once a symlink was followed, the path as resolved so far plus
 *   the rest;
 * - /proc, /dev, /sys and /tmp at the root are always the host's, and
 *   so is "/" itself: the sysroot replaces files, never the root dir;
 * - relative paths are relative to the guest cwd, which is the host cwd
 *   (getcwd passes through: a cwd inside the sysroot reads as its host
 *   path, which resolves back to the same directory).
 * Invariant: vm->opt.sysroot is canonical after path_init, "" for none.
 * Callers: sys_path (every path syscall), the loader (PT_INTERP), exec. */
#include "os/path.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "os/sys_impl.h"

#define PATH_MAX_LINKS 40 /* the kernel's MAXSYMLINKS */

static bool path_host_only(const char *name, size_t n)
{
    static const char *const dirs[] = {"proc", "dev", "sys", "tmp"};
    for (size_t i = 0; i < ARRAY_LEN(dirs); i++)
        if (strlen(dirs[i]) == n && !memcmp(name, dirs[i], n))
            return true;
    return false;
}

/* True if the component c[0..n) names this process under /proc: our
 * pid, or the tid of one of our threads (a task of ours). */
static bool path_our_task(const char *c, size_t n)
{
    char num[24], task[64];
    if (n == 0 || n >= sizeof num || strspn(c, "0123456789") < n)
        return false;
    memcpy(num, c, n);
    num[n] = 0;
    if (atoi(num) == (int)getpid())
        return true;
    snprintf(task, sizeof task, "/proc/self/task/%s", num);
    return access(task, F_OK) == 0;
}

bool path_proc_self(const char *path, char *name, size_t cap)
{
    const char *c[6];
    size_t len[6], k = 0;
    for (const char *p = path; *p && k < 6;) {
        p += strspn(p, "/");
        size_t n = strcspn(p, "/");
        if (n == 2 && !memcmp(p, "..", 2))
            return false;
        if (n && !(n == 1 && *p == '.'))
            c[k] = p, len[k++] = n;
        p += n;
    }
    if (path[0] != '/' || k < 3 || len[0] != 4 || memcmp(c[0], "proc", 4))
        return false;
    bool self = (len[1] == 4 && !memcmp(c[1], "self", 4)) ||
                (len[1] == 11 && !memcmp(c[1], "thread-self", 11)) || path_our_task(c[1], len[1]);
    size_t f = 2;
    if (self && k == 5 && len[2] == 4 && !memcmp(c[2], "task", 4) && path_our_task(c[3], len[3]))
        f = 4; /* /proc/self/task/<tid>/name */
    if (!self || f + 1 != k || len[f] >= cap)
        return false;
    memcpy(name, c[f], len[f]);
    name[len[f]] = 0;
    return true;
}

bool path_is_self_exe(const char *path)
{
    char name[8];
    return !strncmp(path + strspn(path, "/"), "proc", 4) && path_proc_self(path, name, sizeof name) &&
           !strcmp(name, "exe");
}

const char *path_to_guest(const struct vm *vm, const char *host)
{
    const char *root = vm->opt.sysroot;
    size_t n = root ? strlen(root) : 0;
    if (n && !strncmp(host, root, n) && host[n] == '/')
        return host + n;
    return host;
}

void path_init(struct vm *vm)
{
    const char *s = vm->opt.sysroot;
    bool chosen = s != NULL;
    if (!s)
        s = PATH_DEFAULT_SYSROOT;
    if (!*s)
        return;
    char *real = realpath(s, NULL);
    struct stat st;
    if (!real || stat(real, &st) || !S_ISDIR(st.st_mode)) {
        if (chosen)
            fatal(RVX_EXIT_USAGE, s, "sysroot: %s", real ? "Not a directory" : strerror(errno));
        free(real);
        vm->opt.sysroot = "";
        return;
    }
    if (!strcmp(real, "/")) { /* the host root: no sysroot at all */
        free(real);
        real = strdup("");
    }
    vm->opt.sysroot = real;
}

/* The state of one walk: the sysroot, then the guest path resolved so
 * far ("" is the root), in one buffer so the host path is always at
 * hand; rest is what is left to walk. */
struct path_walk {
    char buf[PATH_MAX];   /* sysroot + resolved guest prefix */
    size_t root;          /* strlen(sysroot) */
    size_t len;           /* strlen(buf) */
    char rest[PATH_MAX];
    const char *guest;    /* the path asked for */
    int links;            /* symlinks followed so far */
};

/* The host path when the walk leaves the sysroot at rest + at: the
 * guest's own path if no symlink was followed (the host resolves it
 * itself, ".." included), else the resolved prefix and the rest. */
static int path_leave(const struct path_walk *w, const char *at, char *host)
{
    if (!w->links) {
        strcpy(host, w->guest);
        return 0;
    }
    int n = snprintf(host, PATH_MAX, "%.*s%s%s", (int)(w->len - w->root), w->buf + w->root,
                     *at == '/' ? "" : "/", at);
    return n < PATH_MAX ? 0 : -RV_ENAMETOOLONG;
}

/* Follows the symlink at w->buf: the target, then the components after
 * it, become the new rest; an absolute target restarts at the root. */
static int path_follow(struct path_walk *w, size_t parent, const char *after)
{
    char target[PATH_MAX], rest[PATH_MAX];
    ssize_t n = readlink(w->buf, target, sizeof target - 1);
    if (n <= 0)
        return -RV_ENOENT;
    target[n] = 0;
    if (snprintf(rest, sizeof rest, "%s%s%s", target, *after && *after != '/' ? "/" : "",
                 after) >= (int)sizeof rest)
        return -RV_ENAMETOOLONG;
    strcpy(w->rest, rest);
    w->len = target[0] == '/' ? w->root : parent;
    w->buf[w->len] = 0;
    return 0;
}

/* ".." drops the last resolved component, never the sysroot. */
static void path_pop(struct path_walk *w)
{
    while (w->len > w->root && w->buf[--w->len] != '/')
        ;
    w->buf[w->len] = 0;
}

/* Appends the component p[0..n) to the resolved prefix. */
static int path_push(struct path_walk *w, const char *p, size_t n)
{
    if (w->len + 1 + n >= PATH_MAX)
        return -RV_ENAMETOOLONG;
    w->buf[w->len++] = '/';
    memcpy(w->buf + w->len, p, n);
    w->len += n;
    w->buf[w->len] = 0;
    return 0;
}

/* The walk ended inside the sysroot: its path, or the host's root. */
static int path_done(const struct path_walk *w, bool slash, char *host)
{
    if (w->len == w->root)
        return path_leave(w, "", host);
    if (w->len + slash >= PATH_MAX)
        return -RV_ENAMETOOLONG;
    memcpy(host, w->buf, w->len);
    strcpy(host + w->len, slash ? "/" : "");
    return 0;
}

/* Walks the absolute guest path in the sysroot (see the header). */
static int path_walk_sysroot(struct path_walk *w, const char *guest, bool follow, char *host)
{
    bool slash = guest[strlen(guest) - 1] == '/'; /* a trailing slash follows, too */
    w->guest = guest;
    w->links = 0;
    strcpy(w->rest, guest);
    for (char *p = w->rest;;) {
        p += strspn(p, "/");
        size_t n = strcspn(p, "/"), parent = w->len;
        struct stat st;
        if (n == 0)
            return path_done(w, slash, host);
        if (n <= 2 && !memcmp(p, "..", n)) { /* "." or ".." */
            if (n == 2)
                path_pop(w);
            p += n;
            continue;
        }
        if (w->len == w->root && path_host_only(p, n))
            return path_leave(w, p, host);
        int err = path_push(w, p, n);
        if (err)
            return err;
        if (lstat(w->buf, &st)) {
            w->len = parent;
            return path_leave(w, p, host);
        }
        p += n;
        bool last = !p[strspn(p, "/")];
        if (S_ISLNK(st.st_mode) && (!last || follow || slash)) {
            if (++w->links > PATH_MAX_LINKS)
                return -RV_ELOOP;
            if ((err = path_follow(w, parent, p)))
                return err;
            p = w->rest;
        }
    }
}

int path_resolve_at(const struct vm *vm, const char *guest, char *host, bool follow)
{
    size_t n = strlen(guest);
    if (n >= PATH_MAX)
        return -RV_ENAMETOOLONG;
    const char *root = vm->opt.sysroot;
    bool sysroot = guest[0] == '/' && root && *root;
    /* Followed, the exe link is the guest program; not followed (lstat)
     * the host's link is as much a symlink as the guest's. */
    if (follow && guest[0] == '/' && vm->exe_path && path_is_self_exe(guest) &&
        strlen(vm->exe_path) < PATH_MAX) {
        strcpy(host, vm->exe_path);
        return 0;
    }
    if (!sysroot) {
        memcpy(host, guest, n + 1);
        return 0;
    }
    struct path_walk *w = malloc(sizeof *w);
    if (!w)
        return -RV_ENOMEM;
    w->root = w->len = strlen(root);
    memcpy(w->buf, root, w->root + 1);
    int err = path_walk_sysroot(w, guest, follow, host);
    free(w);
    return err;
}

int path_resolve(const struct vm *vm, const char *guest, char *host)
{
    return path_resolve_at(vm, guest, host, true);
}

int sys_path_at(struct vm *vm, guest_addr p, char *buf, bool follow)
{
    char guest[PATH_MAX];
    long n = copy_str_from_guest(vm, guest, p, PATH_MAX);
    if (n < 0)
        return (int)n;
    return path_resolve_at(vm, guest, buf, follow);
}

int sys_path(struct vm *vm, guest_addr p, char *buf)
{
    return sys_path_at(vm, p, buf, true);
}
