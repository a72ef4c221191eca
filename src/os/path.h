/* Guest path -> host path. Guest absolute paths are looked up in the
 * sysroot (-L DIR, RVX_LD_PREFIX, default /usr/riscv64-linux-gnu when it
 * exists) first and on the host second, the rule QEMU users know; and
 * /proc/self/exe names the guest program, not rvx. Used by every
 * path-taking syscall (through sys_path) and by the loader for
 * PT_INTERP. */
#ifndef RVX_OS_PATH_H
#define RVX_OS_PATH_H

#include "vm/vm.h"

#define PATH_DEFAULT_SYSROOT "/usr/riscv64-linux-gnu"

/* Makes vm->opt.sysroot canonical (absolute, no trailing slash), or
 * NULL when there is none: unset and no default directory, or "". An
 * explicit sysroot that is not a directory is a usage error (exits). */
void path_init(struct vm *vm);

/* Resolves the guest path guest into host (PATH_MAX bytes). Relative
 * paths are left alone (relative to the guest cwd, which is the host
 * cwd). follow: a symlink as the last component is followed (inside the
 * sysroot), as open and stat do; unlink, readlink, lstat do not.
 * Returns 0, -RV_ENAMETOOLONG, -RV_ELOOP or -RV_ENOMEM. */
int path_resolve_at(const struct vm *vm, const char *guest, char *host, bool follow);
/* path_resolve_at following the last component (exec, PT_INTERP). */
int path_resolve(const struct vm *vm, const char *guest, char *host);

/* Host path -> the path the guest sees for it: a path inside the
 * sysroot loses the sysroot prefix; any other is the host's. Returns a
 * pointer into host (no copy). */
const char *path_to_guest(const struct vm *vm, const char *host);

/* If path names a file of this process's own /proc directory (self,
 * thread-self, our pid or a thread's tid, optionally .../task/<tid>/),
 * copies the file's name ("maps", "exe" ...) into name (cap bytes) and
 * returns true. Repeated slashes and "." components do not matter. */
bool path_proc_self(const char *path, char *name, size_t cap);
/* True if path is the exe link of this process (path_proc_self "exe"):
 * followed, it is the guest program (exe_path); its readlink answers
 * the guest's view of it (exe_guest). */
bool path_is_self_exe(const char *path);

#endif
