/* Socket and terminal ioctls beyond sys_fd.c's basic set, called by
 * sys_ioctl for a request it does not know. Each request is a table
 * line: the size of what its argument points to (0: a plain integer or
 * unused) and whether the host reads or writes it. The argument buffer
 * is passed in place, so the host's partial writes are the guest's.
 * SIOCGIFCONF alone holds a guest pointer and is rebuilt. */
#include "os/ioctl_more.h"

#include <asm/termbits.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>

#include "abi/rv_ioctl.h"
#include "abi/rv_misc.h"
#include "os/hostfd.h"
#include "os/safe_syscall.h"
#include "os/sys_impl.h"

_Static_assert(SIOCGIFCONF == RV_SIOCGIFCONF && SIOCGIFHWADDR == RV_SIOCGIFHWADDR &&
               SIOCGIFINDEX == RV_SIOCGIFINDEX && SIOCATMARK == RV_SIOCATMARK &&
               SIOCOUTQNSD == RV_SIOCOUTQNSD && SIOCGIFTXQLEN == RV_SIOCGIFTXQLEN,
               "socket ioctls");
_Static_assert(TIOCSCTTY == RV_TIOCSCTTY && TIOCGSID == RV_TIOCGSID && TCGETS2 == RV_TCGETS2 &&
               TCSETSF2 == RV_TCSETSF2 && TIOCGPTPEER == RV_TIOCGPTPEER &&
               TIOCGEXCL == RV_TIOCGEXCL && FIOQSIZE == RV_FIOQSIZE &&
               TIOCSLCKTRMIOS == RV_TIOCSLCKTRMIOS, "tty ioctls");
_Static_assert(FICLONE == RV_FICLONE && FICLONERANGE == RV_FICLONERANGE &&
               sizeof(struct file_clone_range) == RV_FILE_CLONE_RANGE_SIZE, "clone ioctls");
_Static_assert(sizeof(struct ifreq) == RV_IFREQ_SIZE && sizeof(struct ifconf) == 16 &&
               sizeof(struct termios2) == RV_TERMIOS2_SIZE, "ioctl structs");

struct ioctl_kind {
    u32 req;
    u8 size;  /* bytes the argument points to; 0 for an integer */
    u8 need;  /* PAGE_R: the host reads it, PAGE_W: writes, both */
};

#define RW (PAGE_R | PAGE_W)
static const struct ioctl_kind ioctl_kinds[] = {
    {RV_SIOCGIFNAME, RV_IFREQ_SIZE, RW},     {RV_SIOCGIFFLAGS, RV_IFREQ_SIZE, RW},
    {RV_SIOCGIFADDR, RV_IFREQ_SIZE, RW},     {RV_SIOCGIFDSTADDR, RV_IFREQ_SIZE, RW},
    {RV_SIOCGIFBRDADDR, RV_IFREQ_SIZE, RW},  {RV_SIOCGIFNETMASK, RV_IFREQ_SIZE, RW},
    {RV_SIOCGIFMETRIC, RV_IFREQ_SIZE, RW},   {RV_SIOCGIFMTU, RV_IFREQ_SIZE, RW},
    {RV_SIOCGIFHWADDR, RV_IFREQ_SIZE, RW},   {RV_SIOCGIFINDEX, RV_IFREQ_SIZE, RW},
    {RV_SIOCGIFTXQLEN, RV_IFREQ_SIZE, RW},   {RV_SIOCATMARK, 4, PAGE_W},
    {RV_SIOCOUTQNSD, 4, PAGE_W},             {RV_TIOCOUTQ, 4, PAGE_W},
    {RV_TIOCEXCL, 0, 0},                     {RV_TIOCNXCL, 0, 0},
    {RV_TIOCSCTTY, 0, 0},                    {RV_TIOCSTI, 1, PAGE_R},
    {RV_TIOCMGET, 4, PAGE_W},                {RV_TIOCMBIS, 4, PAGE_R},
    {RV_TIOCMBIC, 4, PAGE_R},                {RV_TIOCMSET, 4, PAGE_R},
    {RV_TIOCPKT, 4, PAGE_R},                 {RV_TIOCNOTTY, 0, 0},
    {RV_TIOCSETD, 4, PAGE_R},                {RV_TIOCGETD, 4, PAGE_W},
    {RV_TCSBRKP, 0, 0},                      {RV_TIOCGSID, 4, PAGE_W},
    {RV_TCGETS2, RV_TERMIOS2_SIZE, PAGE_W},  {RV_TCSETS2, RV_TERMIOS2_SIZE, PAGE_R},
    {RV_TCSETSW2, RV_TERMIOS2_SIZE, PAGE_R}, {RV_TCSETSF2, RV_TERMIOS2_SIZE, PAGE_R},
    {RV_TIOCSIG, 0, 0},                      {RV_TIOCVHANGUP, 0, 0},
    {RV_TIOCGPKT, 4, PAGE_W},                {RV_TIOCGPTLCK, 4, PAGE_W},
    {RV_TIOCGEXCL, 4, PAGE_W},               {RV_TIOCGPTPEER, 0, 0},
    {RV_FIOASYNC, 4, PAGE_R},                {RV_TIOCGLCKTRMIOS, RV_TERMIOS_SIZE, PAGE_W},
    {RV_TIOCSLCKTRMIOS, RV_TERMIOS_SIZE, PAGE_R}, {RV_FIOQSIZE, 8, PAGE_W},
};
#undef RW

/* SIOCGIFCONF: {len, buffer}. A NULL buffer asks for the length needed;
 * otherwise the host fills the guest's buffer and sets len to what it
 * used. Only len goes back into the guest's struct. */
static i64 ioctl_ifconf(struct cpu *cpu, const u64 *a)
{
    struct rv_ifconf g;
    if (copy_from_guest(cpu->vm, &g, a[2], sizeof g))
        return -RV_EFAULT;
    struct ifconf h = {.ifc_len = g.len};
    if (g.buf && g.len > 0 && !(h.ifc_buf = guest_ptr(cpu->vm, g.buf, (u64)g.len, PAGE_W)))
        return -RV_EFAULT;
    i64 r = sys_host(ioctl(sys_fd(a[0]), SIOCGIFCONF, &h));
    if (r >= 0 && copy_to_guest(cpu->vm, a[2], &h.ifc_len, sizeof h.ifc_len))
        return -RV_EFAULT;
    return r;
}

/* FICLONE/FICLONERANGE name a source fd, which must be the guest's
 * (one of rvx's own is EBADF, as if not open). */
static i64 ioctl_clone(struct cpu *cpu, const u64 *a, u32 req)
{
    if (req == RV_FICLONE)
        return hostfd_internal((int)a[2])
                   ? -RV_EBADF
                   : sys_host(ioctl(sys_fd(a[0]), FICLONE, (int)a[2]));
    struct file_clone_range r;
    if (copy_from_guest(cpu->vm, &r, a[2], sizeof r))
        return -RV_EFAULT;
    if (hostfd_internal((int)r.src_fd))
        return -RV_EBADF;
    return sys_host(ioctl(sys_fd(a[0]), FICLONERANGE, &r));
}

bool ioctl_more(struct cpu *cpu, const u64 *a, i64 *ret)
{
    u32 req = (u32)a[1];
    if (req == RV_SIOCGIFCONF) {
        *ret = ioctl_ifconf(cpu, a);
        return true;
    }
    if (req == RV_FICLONE || req == RV_FICLONERANGE) {
        *ret = ioctl_clone(cpu, a, req);
        return true;
    }
    for (size_t i = 0; i < ARRAY_LEN(ioctl_kinds); i++) {
        const struct ioctl_kind *k = &ioctl_kinds[i];
        if (k->req != req)
            continue;
        if (!k->size) {
            *ret = sys_host(safe_syscall(SYS_ioctl, sys_fd(a[0]), (unsigned long)req,
                                         (unsigned long)a[2])); /* TCSBRKP waits */
            return true;
        }
        void *p = guest_ptr(cpu->vm, a[2], k->size, k->need);
        *ret = p ? sys_host(ioctl(sys_fd(a[0]), (unsigned long)req, p)) : -RV_EFAULT;
        return true;
    }
    return false;
}
