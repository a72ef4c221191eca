/* The sysroot walk of os/path.c on a synthetic sysroot in /tmp: files
 * found there, host fallback, host-only directories, "/" and "..",
 * symlinks (absolute ones restart at the sysroot, relative ones climbing
 * above it stop at it), the last component followed or not, trailing
 * slashes, loops, and no sysroot at all. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "os/path.h"

static int failures;
static char root[PATH_MAX];

/* resolve(guest, follow) must give want; a want starting with '@' is the
 * sysroot followed by the rest. */
static void expect(struct vm *vm, const char *guest, bool follow, const char *want)
{
    char host[PATH_MAX], full[PATH_MAX];
    snprintf(full, sizeof full, "%s%s", want[0] == '@' ? root : "", want + (want[0] == '@'));
    int err = path_resolve_at(vm, guest, host, follow);
    if (err || strcmp(host, full)) {
        failures++;
        fprintf(stderr, "%s (follow %d): got %s (err %d), expected %s\n", guest, follow,
                err ? "-" : host, err, full);
    }
}

static void expect_err(struct vm *vm, const char *guest, int want)
{
    char host[PATH_MAX];
    int err = path_resolve_at(vm, guest, host, true);
    if (err != want) {
        failures++;
        fprintf(stderr, "%s: error %d, expected %d\n", guest, err, want);
    }
}

static void make_tree(void)
{
    char cmd[PATH_MAX * 5];
    snprintf(root, sizeof root, "/tmp/rvx-test-path-%d", (int)getpid());
    snprintf(cmd, sizeof cmd,
             "rm -rf %s && mkdir -p %s/usr/lib %s/etc && cd %s && touch usr/lib/a etc/conf && "
             "ln -s usr/lib lib && ln -s /usr/lib/a usr/lib/abs && ln -s a usr/lib/rel && "
             "ln -s ../../../../.. usr/lib/up && ln -s /loop loop && ln -s /etc/missing etc/dangling",
             root, root, root, root);
    if (system(cmd))
        exit(2);
    char *real = realpath(root, NULL);
    snprintf(root, sizeof root, "%s", real);
    free(real);
}

int main(void)
{
    static struct vm vm;
    make_tree();
    vm.opt.sysroot = root;
    path_init(&vm);
    expect(&vm, "/usr/lib/a", true, "@/usr/lib/a");
    expect(&vm, "/lib/a", false, "@/usr/lib/a");        /* relative link in the middle */
    expect(&vm, "/lib/abs", true, "@/usr/lib/a");       /* absolute link: in the sysroot */
    expect(&vm, "/lib/abs", false, "@/usr/lib/abs");    /* not followed: the link itself */
    expect(&vm, "/lib/rel", true, "@/usr/lib/a");
    expect(&vm, "/lib/abs/", false, "@/usr/lib/a/");    /* a trailing slash follows */
    expect(&vm, "/usr/lib/up/etc/conf", true, "@/etc/conf"); /* ".." stops at the root */
    expect(&vm, "/usr/./lib/../../etc/conf", true, "@/etc/conf");
    expect(&vm, "/etc/dangling", true, "/etc/missing"); /* target missing: the host's */
    expect(&vm, "/etc/dangling", false, "@/etc/dangling");
    expect(&vm, "/usr/lib/nothing", true, "/usr/lib/nothing");
    expect(&vm, "/usr/lib/nothing", false, "/usr/lib/nothing"); /* no link: as asked */
    expect(&vm, "/lib/nothing", true, "/usr/lib/nothing"); /* through lib -> usr/lib */
    expect(&vm, "/lib/abs/../nothing", true, "/usr/lib/nothing"); /* as resolved so far */
    expect(&vm, "/no/such/dir", true, "/no/such/dir");
    expect(&vm, "/proc/self/maps", true, "/proc/self/maps");
    expect(&vm, "//tmp/x", true, "//tmp/x");
    expect(&vm, "/", true, "/");
    expect(&vm, "/..", true, "/..");     /* the host's root, as the host resolves it */
    expect(&vm, "/usr/..", true, "/usr/..");
    expect(&vm, "relative/lib", true, "relative/lib");
    expect(&vm, "", true, "");
    expect_err(&vm, "/loop", -RV_ELOOP);
    char longp[PATH_MAX + 8];
    memset(longp, 'a', sizeof longp - 1);
    longp[0] = '/';
    longp[sizeof longp - 1] = 0;
    expect_err(&vm, longp, -RV_ENAMETOOLONG);
    vm.exe_path = "/some/program";
    expect(&vm, "/proc/self/exe", true, "/some/program");
    expect(&vm, "/proc/self/exe", false, "/proc/self/exe");

    static struct vm none;
    none.opt.sysroot = "";
    path_init(&none);
    expect(&none, "/usr/lib/a", true, "/usr/lib/a");

    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd))
        failures++;
    if (failures) {
        fprintf(stderr, "test_path: %d FAILED\n", failures);
        return 1;
    }
    puts("test_path: ok");
    return 0;
}
