/* Event file descriptors: eventfd, timerfd, inotify. All are host fds;
 * their buffers (itimerspec, the u64 counter, inotify_event records
 * read with read(2)) have the same layout on both (abi/rv_event.h), so
 * these are thin pass-throughs. Watched paths go through sys_path. */
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "abi/rv_event.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct itimerspec) == RV_ITIMERSPEC_SIZE, "itimerspec");
_Static_assert(sizeof(struct inotify_event) == 16, "inotify_event");

i64 sys_eventfd2(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

i64 sys_timerfd_create(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(timerfd_create((int)a[0], (int)a[1]));
}

/* timerfd_settime(fd, flags, new, old) */
i64 sys_timerfd_settime(struct cpu *cpu, const u64 *a)
{
    void *nv = guest_ptr(cpu->vm, a[2], RV_ITIMERSPEC_SIZE, PAGE_R), *ov;
    if (!nv || !sys_opt(cpu->vm, a[3], RV_ITIMERSPEC_SIZE, PAGE_W, &ov))
        return -RV_EFAULT;
    return sys_host(timerfd_settime(sys_fd(a[0]), (int)a[1], nv, ov));
}

i64 sys_timerfd_gettime(struct cpu *cpu, const u64 *a)
{
    void *cur = guest_ptr(cpu->vm, a[1], RV_ITIMERSPEC_SIZE, PAGE_W);
    if (!cur)
        return -RV_EFAULT;
    return sys_host(timerfd_gettime(sys_fd(a[0]), cur));
}

i64 sys_inotify_init1(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(inotify_init1((int)a[0]));
}

/* inotify_add_watch(fd, path, mask) */
i64 sys_inotify_add_watch(struct cpu *cpu, const u64 *a)
{
    char path[PATH_MAX];
    int err = sys_path(cpu->vm, a[1], path);
    if (err)
        return err;
    return sys_host(inotify_add_watch(sys_fd(a[0]), path, (u32)a[2]));
}

i64 sys_inotify_rm_watch(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(inotify_rm_watch(sys_fd(a[0]), (int)a[1]));
}
