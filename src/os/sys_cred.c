/* Credential syscalls: set*id, setgroups, capabilities. Guest ids are
 * host ids. Each goes to the host as the raw syscall, which changes the
 * calling thread only, as on Linux: the guest's libc makes every thread
 * do the call itself (glibc's setxid broadcast), whereas the host libc
 * wrappers would broadcast to all of rvx's threads behind its back.
 * Layouts (gid lists of u32, capability header and data) are the same on
 * both (abi/rv_cred.h). (get*id: sys_proc.c.) */
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "abi/rv_cred.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct __user_cap_header_struct) == sizeof(struct rv_cap_header), "cap");
_Static_assert(sizeof(struct __user_cap_data_struct) == RV_CAP_DATA_SIZE, "cap data");
_Static_assert(_LINUX_CAPABILITY_VERSION_1 == RV_CAP_V1 && _LINUX_CAPABILITY_VERSION_3 == RV_CAP_V3,
               "cap versions");

static i64 cred_call1(long nr, const u64 *a)
{
    return sys_host(syscall(nr, (u32)a[0]));
}

static i64 cred_call2(long nr, const u64 *a)
{
    return sys_host(syscall(nr, (u32)a[0], (u32)a[1]));
}

static i64 cred_call3(long nr, const u64 *a)
{
    return sys_host(syscall(nr, (u32)a[0], (u32)a[1], (u32)a[2]));
}

i64 sys_setuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call1(SYS_setuid, a); }
i64 sys_setgid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call1(SYS_setgid, a); }
i64 sys_setreuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call2(SYS_setreuid, a); }
i64 sys_setregid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call2(SYS_setregid, a); }
i64 sys_setresuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call3(SYS_setresuid, a); }
i64 sys_setresgid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return cred_call3(SYS_setresgid, a); }

/* setfsuid/setfsgid return the previous id and never fail. */
i64 sys_setfsuid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return syscall(SYS_setfsuid, (u32)a[0]); }
i64 sys_setfsgid(struct cpu *cpu, const u64 *a) { UNUSED(cpu); return syscall(SYS_setfsgid, (u32)a[0]); }

/* setgroups(n, list): n is checked before the list is read. */
i64 sys_setgroups(struct cpu *cpu, const u64 *a)
{
    int n = (int)a[0];
    if (n < 0 || n > RV_NGROUPS_MAX)
        return -RV_EINVAL;
    void *list = guest_ptr(cpu->vm, a[1], (u64)n * 4, PAGE_R);
    if (!list)
        return -RV_EFAULT;
    return sys_host(syscall(SYS_setgroups, n, list));
}

/* Data words for a header version: 1 for v1, 2 for v2/v3, 0 for an
 * unknown one (the kernel then only writes its preferred version into
 * the header and fails, without touching the data). */
static u64 cap_words(struct vm *vm, guest_addr hdr)
{
    struct rv_cap_header h;
    if (copy_from_guest(vm, &h, hdr, sizeof h))
        return 0;
    if (h.version == RV_CAP_V1)
        return 1;
    return h.version == RV_CAP_V2 || h.version == RV_CAP_V3 ? 2 : 0;
}

/* capget/capset(header, data): the header is read and may be written
 * back; data is checked over as many words as its version has. */
static i64 cap_call(struct cpu *cpu, const u64 *a, long nr, int need)
{
    void *hdr = guest_ptr(cpu->vm, a[0], sizeof(struct rv_cap_header), PAGE_R | PAGE_W);
    if (!hdr)
        return -RV_EFAULT;
    u8 scratch[2 * RV_CAP_DATA_SIZE];
    u64 words = cap_words(cpu->vm, a[0]);
    void *data = NULL;
    if (a[1] && !words)
        data = scratch; /* never touched by the kernel, only tested for NULL */
    else if (a[1] && !(data = guest_ptr(cpu->vm, a[1], words * RV_CAP_DATA_SIZE, need)))
        return -RV_EFAULT;
    return sys_host(syscall(nr, hdr, data));
}

i64 sys_capget(struct cpu *cpu, const u64 *a) { return cap_call(cpu, a, SYS_capget, PAGE_W); }
i64 sys_capset(struct cpu *cpu, const u64 *a) { return cap_call(cpu, a, SYS_capset, PAGE_R); }
