/* The guest's ecall: looks the number (a7) up in the table built from
 * abi/rv_syscall.def, runs the handler with a0..a5 and writes its result
 * to a0. An unknown number gets -ENOSYS (never a faked success) and is
 * named once on the syscalls/unimp log channels; every call is logged on
 * the strace channel (formatted by tools/strace.c). Called by the top
 * loop (vm/run.c) after pc += 4. */
#include "os/syscall.h"

#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "os/hostfd.h"
#include "os/sys_impl.h"
#include "tools/strace.h"

struct sys_entry {
    sys_fn *fn;
    const char *name;
    const char *fmt;
    int nargs;
};

#define SYS_TABLE_SIZE 512

static const struct sys_entry sys_table[SYS_TABLE_SIZE] = {
#define SYSCALL(nr, name, fn, nargs, fmt) [nr] = {fn, #name, fmt, nargs},
#include "abi/rv_syscall.def"
#undef SYSCALL
};

/* Each format has one letter per argument. */
#define SYSCALL(nr, name, fn, nargs, fmt) \
    _Static_assert(sizeof(fmt) - 1 == (nargs) && (nargs) <= 6, #name ": format");
#include "abi/rv_syscall.def"
#undef SYSCALL

static const char *const sys_names[SYS_TABLE_SIZE] = {
#define SYSNAME(nr, name) [nr] = #name,
#include "abi/rv_sysnames.def"
#undef SYSNAME
};

const char *sys_name(u64 nr)
{
    return nr < SYS_TABLE_SIZE ? sys_names[nr] : NULL;
}

static void sys_log_unknown(struct vm *vm, u64 nr)
{
    if (!log_on(LOG_SYSCALLS | LOG_UNIMP))
        return;
    if (nr < SYS_TABLE_SIZE) {
        u8 bit = (u8)(1u << (nr & 7));
        if (vm->unknown_syscall_logged[nr / 8] & bit)
            return;
        vm->unknown_syscall_logged[nr / 8] |= bit;
    }
    const char *name = sys_name(nr);
    log_printf("rvx: unimplemented syscall %" PRIu64 " (%s): returning ENOSYS\n", nr,
               name ? name : "unknown");
}

/* True if an fd argument (format letter f) names one of rvx's own fds:
 * the guest must see those as not open (EBADF), whatever the call. */
static bool sys_internal_fd_arg(const struct sys_entry *e, const u64 *args)
{
    for (int i = 0; i < e->nargs; i++)
        if (e->fmt[i] == 'f' && hostfd_internal((long)(int)args[i]))
            return true;
    return false;
}

void sys_ecall(struct cpu *cpu)
{
    u64 nr = cpu->x[17];
    const struct sys_entry *e = nr < SYS_TABLE_SIZE && sys_table[nr].fn ? &sys_table[nr] : NULL;
    u64 args[6];
    memcpy(args, &cpu->x[10], sizeof args);
    i64 ret;
    if (e && sys_internal_fd_arg(e, args)) {
        ret = -RV_EBADF;
    } else if (e) {
        cpu->sys_not_started = false;
        if (log_on(LOG_STRACE))
            strace_before(cpu, nr, e->name, e->fmt, args); /* tools/strace.h */
        ret = e->fn(cpu, args);
    } else {
        sys_log_unknown(cpu->vm, nr);
        ret = -RV_ENOSYS;
    }
    if (log_on(LOG_STRACE))
        strace_syscall(cpu, nr, e ? e->name : sys_name(nr), e ? e->fmt : NULL, args, ret);
    cpu->x[10] = (u64)ret;
}

void *sys_buf(struct vm *vm, guest_addr a, u64 *len, int need)
{
    /* access_ok: a range reaching past the space is EFAULT up front. */
    if (*len > vm->mem.size || a > vm->mem.size - *len)
        return NULL;
    void *p = guest_ptr(vm, a, *len, need);
    if (p || *len == 0)
        return p;
    u64 ok = 0;
    guest_addr pg = a & GUEST_PAGE_MASK;
    while (ok < *len) {
        u8 f = mem_page_flags(&vm->mem, pg);
        if (!(f & PAGE_MAPPED) || (f & need) != need)
            break;
        pg += GUEST_PAGE_SIZE;
        ok = pg - a;
    }
    if (ok == 0)
        return NULL;
    if (ok < *len)
        *len = ok;
    return guest_ptr(vm, a, *len, need);
}
