/* Socket syscalls. Sockets are host sockets and every socket struct has
 * the same layout on both (abi/rv_net.h), so most calls pass guest
 * buffers to the host in place; msghdr/mmsghdr (and the one sockopt
 * that holds a pointer, SO_ATTACH_FILTER) are rebuilt with host
 * pointers. Control messages stay in the guest's buffer: SCM_RIGHTS
 * carries fds, which are host fds, and SCM_CREDENTIALS a pid/uid/gid
 * triple, which is the host's too. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <linux/filter.h>
#include <unistd.h>

#include "abi/rv_net.h"
#include "os/safe_syscall.h"
#include "os/iov.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct msghdr) == sizeof(struct rv_msghdr), "msghdr");
_Static_assert(sizeof(struct mmsghdr) == sizeof(struct rv_mmsghdr), "mmsghdr");
_Static_assert(sizeof(struct cmsghdr) == 16 && sizeof(struct ucred) == 12, "cmsg");
_Static_assert(sizeof(struct sock_fprog) == sizeof(struct rv_sock_fprog), "sock_fprog");
_Static_assert(SOL_SOCKET == RV_SOL_SOCKET && SO_ATTACH_FILTER == RV_SO_ATTACH_FILTER &&
               SO_ATTACH_REUSEPORT_CBPF == RV_SO_ATTACH_REUSEPORT_CBPF, "sockopts");
_Static_assert(MSG_WAITFORONE == RV_MSG_WAITFORONE, "msg flags");

#define SOCKADDR_MAX 128 /* sizeof(struct sockaddr_storage) on both */

/* An address the host reads (bind, connect, sendto): Linux's
 * move_addr_to_kernel checks the length before the pointer. */
static int addr_in(struct vm *vm, guest_addr p, u64 len, void **out)
{
    *out = NULL;
    if ((int)len < 0 || len > SOCKADDR_MAX)
        return -RV_EINVAL;
    if (!p || !len)
        return 0;
    *out = guest_ptr(vm, p, len, PAGE_R);
    return *out ? 0 : -RV_EFAULT;
}

/* An address the host writes, with its in/out length (accept,
 * getsockname, recvfrom). A NULL address keeps the length pointer so
 * the host applies its own rules to it. */
static int addr_out(struct vm *vm, guest_addr p, guest_addr lenp, void **addr, void **len)
{
    *addr = *len = NULL;
    if (!lenp)
        return 0;
    *len = guest_ptr(vm, lenp, 4, PAGE_R | PAGE_W);
    if (!*len)
        return -RV_EFAULT;
    int n;
    memcpy(&n, *len, 4);
    if (n < 0)
        return -RV_EINVAL;
    if (p && !(*addr = guest_ptr(vm, p, (u64)n, PAGE_W)))
        return -RV_EFAULT;
    return 0;
}

i64 sys_socket(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(socket((int)a[0], (int)a[1], (int)a[2]));
}

i64 sys_socketpair(struct cpu *cpu, const u64 *a)
{
    void *sv = guest_ptr(cpu->vm, a[3], 2 * sizeof(int), PAGE_W);
    if (!sv)
        return -RV_EFAULT;
    return sys_host(socketpair((int)a[0], (int)a[1], (int)a[2], sv));
}

i64 sys_bind(struct cpu *cpu, const u64 *a)
{
    void *sa;
    int err = addr_in(cpu->vm, a[1], a[2], &sa);
    return err ? err : sys_host(bind(sys_fd(a[0]), sa, (socklen_t)a[2]));
}

i64 sys_connect(struct cpu *cpu, const u64 *a)
{
    void *sa;
    int err = addr_in(cpu->vm, a[1], a[2], &sa);
    return err ? err : sys_host(safe_syscall(SYS_connect, sys_fd(a[0]), sa, (socklen_t)a[2]));
}

i64 sys_listen(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(listen(sys_fd(a[0]), (int)a[1]));
}

i64 sys_accept4(struct cpu *cpu, const u64 *a)
{
    void *sa, *len;
    int err = addr_out(cpu->vm, a[1], a[2], &sa, &len);
    return err ? err : sys_host(safe_syscall(SYS_accept4, sys_fd(a[0]), sa, len, (int)a[3]));
}

i64 sys_accept(struct cpu *cpu, const u64 *a)
{
    u64 b[4] = {a[0], a[1], a[2], 0};
    return sys_accept4(cpu, b);
}

i64 sys_getsockname(struct cpu *cpu, const u64 *a)
{
    void *sa, *len;
    int err = addr_out(cpu->vm, a[1], a[2], &sa, &len);
    return err ? err : sys_host(syscall(SYS_getsockname, sys_fd(a[0]), sa, len));
}

i64 sys_getpeername(struct cpu *cpu, const u64 *a)
{
    void *sa, *len;
    int err = addr_out(cpu->vm, a[1], a[2], &sa, &len);
    return err ? err : sys_host(syscall(SYS_getpeername, sys_fd(a[0]), sa, len));
}

/* sendto(fd, buf, len, flags, addr, addrlen) */
i64 sys_sendto(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = len ? sys_buf(cpu->vm, a[1], &len, PAGE_R) : NULL, *sa;
    if (!buf && len)
        return -RV_EFAULT;
    int err = addr_in(cpu->vm, a[4], a[5], &sa);
    if (err)
        return err;
    return sys_host(safe_syscall(SYS_sendto, sys_fd(a[0]), buf, len, (int)a[3], sa, (socklen_t)a[5]));
}

/* recvfrom(fd, buf, len, flags, addr, addrlen*) */
i64 sys_recvfrom(struct cpu *cpu, const u64 *a)
{
    u64 len = a[2];
    void *buf = len ? sys_buf(cpu->vm, a[1], &len, PAGE_W) : NULL, *sa, *alen;
    if (!buf && len)
        return -RV_EFAULT;
    int err = addr_out(cpu->vm, a[4], a[5], &sa, &alen);
    if (err)
        return err;
    return sys_host(safe_syscall(SYS_recvfrom, sys_fd(a[0]), buf, len, (int)a[3], sa, alen));
}

i64 sys_shutdown(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(shutdown(sys_fd(a[0]), (int)a[1]));
}

/* SO_ATTACH_FILTER and SO_ATTACH_REUSEPORT_CBPF take a sock_fprog whose
 * filter is a guest pointer; everything else is plain data. */
static bool sockopt_has_fprog(int level, int name)
{
    return level == RV_SOL_SOCKET &&
           (name == RV_SO_ATTACH_FILTER || name == RV_SO_ATTACH_REUSEPORT_CBPF);
}

static i64 setsockopt_fprog(struct cpu *cpu, const u64 *a)
{
    struct rv_sock_fprog g;
    if (a[4] != sizeof g)
        return -RV_EINVAL;
    if (copy_from_guest(cpu->vm, &g, a[3], sizeof g))
        return -RV_EFAULT;
    struct sock_fprog h = {.len = g.len};
    h.filter = guest_ptr(cpu->vm, g.filter, (u64)g.len * RV_SOCK_FILTER_SIZE, PAGE_R);
    if (!h.filter)
        return -RV_EFAULT;
    return sys_host(setsockopt(sys_fd(a[0]), (int)a[1], (int)a[2], &h, sizeof h));
}

/* setsockopt(fd, level, name, val, len) */
i64 sys_setsockopt(struct cpu *cpu, const u64 *a)
{
    if ((int)a[4] < 0)
        return -RV_EINVAL;
    if (sockopt_has_fprog((int)a[1], (int)a[2]))
        return setsockopt_fprog(cpu, a);
    void *val;
    if (!sys_opt(cpu->vm, a[3], (u32)a[4], PAGE_R, &val))
        return -RV_EFAULT;
    return sys_host(setsockopt(sys_fd(a[0]), (int)a[1], (int)a[2], val, (socklen_t)a[4]));
}

/* getsockopt(fd, level, name, val, len*) */
i64 sys_getsockopt(struct cpu *cpu, const u64 *a)
{
    int *lenp = guest_ptr(cpu->vm, a[4], 4, PAGE_R | PAGE_W);
    if (!lenp)
        return -RV_EFAULT;
    int len;
    memcpy(&len, lenp, sizeof len); /* the guest's pointer may be misaligned */
    if (len < 0)
        return -RV_EINVAL;
    /* SO_GET_FILTER counts sock_filter entries, not bytes. */
    u64 bytes = sockopt_has_fprog((int)a[1], (int)a[2]) && (int)a[2] == RV_SO_ATTACH_FILTER
                    ? (u64)len * RV_SOCK_FILTER_SIZE : (u64)len;
    void *val;
    if (!sys_opt(cpu->vm, a[3], bytes, PAGE_W, &val))
        return -RV_EFAULT;
    return sys_host(getsockopt(sys_fd(a[0]), (int)a[1], (int)a[2], val, (socklen_t *)lenp));
}

/* One guest msghdr rebuilt for the host. need is PAGE_W when receiving.
 * Linux's order and limits: namelen negative is EINVAL and is capped at
 * the size of sockaddr_storage, more than UIO_MAXIOV iovecs is
 * EMSGSIZE, a control length above INT_MAX is ENOBUFS. iov must hold
 * RV_UIO_MAXIOV entries. */
static int msg_from_guest(struct vm *vm, const struct rv_msghdr *g, int need,
                          struct msghdr *h, struct iovec *iov)
{
    memset(h, 0, sizeof *h);
    if ((int)g->msg_namelen < 0)
        return -RV_EINVAL;
    if (g->msg_iovlen > RV_UIO_MAXIOV)
        return -RV_EMSGSIZE;
    if (g->msg_controllen > INT_MAX)
        return -RV_ENOBUFS;
    if (g->msg_name) {
        h->msg_namelen = g->msg_namelen < SOCKADDR_MAX ? g->msg_namelen : SOCKADDR_MAX;
        if (!(h->msg_name = guest_ptr(vm, g->msg_name, h->msg_namelen, need)))
            return -RV_EFAULT;
    }
    int err = iov_from_guest(vm, g->msg_iov, g->msg_iovlen, need, iov);
    if (err)
        return err;
    h->msg_iov = iov;
    h->msg_iovlen = g->msg_iovlen;
    if (g->msg_control && g->msg_controllen) {
        u64 clen = g->msg_controllen;
        if (!(h->msg_control = sys_buf(vm, g->msg_control, &clen, need)))
            return -RV_EFAULT;
        h->msg_controllen = clen;
    }
    h->msg_flags = (int)g->msg_flags;
    return 0;
}

/* What recvmsg writes back: the address length (only when there is an
 * address buffer, like Linux), the control length used, the flags. */
static void msg_result_to_guest(struct rv_msghdr *g, const struct msghdr *h)
{
    if (g->msg_name)
        g->msg_namelen = h->msg_namelen;
    g->msg_controllen = h->msg_controllen;
    g->msg_flags = (u32)h->msg_flags;
}

static i64 msg_call(struct cpu *cpu, const u64 *a, bool recv)
{
    struct rv_msghdr g;
    if (copy_from_guest(cpu->vm, &g, a[1], sizeof g))
        return -RV_EFAULT;
    struct msghdr h;
    struct iovec *iov = malloc(RV_UIO_MAXIOV * sizeof *iov);
    if (!iov)
        return -RV_ENOMEM;
    i64 r = msg_from_guest(cpu->vm, &g, recv ? PAGE_W : PAGE_R, &h, iov);
    if (!r && recv) {
        r = sys_host(safe_syscall(SYS_recvmsg, sys_fd(a[0]), &h, (int)a[2]));
        msg_result_to_guest(&g, &h);
        if (r >= 0 && copy_to_guest(cpu->vm, a[1], &g, sizeof g))
            r = -RV_EFAULT;
    } else if (!r) {
        r = sys_host(safe_syscall(SYS_sendmsg, sys_fd(a[0]), &h, (int)a[2]));
    }
    free(iov);
    return r;
}

i64 sys_sendmsg(struct cpu *cpu, const u64 *a) { return msg_call(cpu, a, false); }
i64 sys_recvmsg(struct cpu *cpu, const u64 *a) { return msg_call(cpu, a, true); }

/* Host copies of up to RV_UIO_MAXIOV guest mmsghdrs. Like Linux, a bad
 * entry after the first only shortens the batch (the kernel stops there
 * and returns the count done so far); a bad first entry is the error. */
struct mmsg_batch {
    struct rv_mmsghdr *g;
    struct mmsghdr *h;
    struct iovec *iov; /* every message's iovecs, back to back */
    unsigned n;
};

static void mmsg_free(struct mmsg_batch *b)
{
    free(b->g);
    free(b->h);
    free(b->iov);
}

/* Pass 1: copy the headers and size the iovec space. */
static int mmsg_headers(struct vm *vm, guest_addr vec, u64 vlen, struct mmsg_batch *b,
                        u64 *niov)
{
    *niov = 0;
    for (u64 i = 0; i < vlen; i++) {
        struct rv_mmsghdr *g = &b->g[i];
        int err = copy_from_guest(vm, g, vec + i * sizeof *g, sizeof *g) ? -RV_EFAULT : 0;
        if (!err && g->msg_hdr.msg_iovlen > RV_UIO_MAXIOV)
            err = -RV_EMSGSIZE;
        if (err)
            return i ? 0 : err;
        *niov += g->msg_hdr.msg_iovlen;
        b->n++;
    }
    return 0;
}

static int mmsg_from_guest(struct vm *vm, guest_addr vec, u64 vlen, int need,
                           struct mmsg_batch *b)
{
    vlen = vlen < RV_UIO_MAXIOV ? vlen : RV_UIO_MAXIOV;
    memset(b, 0, sizeof *b);
    u64 niov;
    b->g = calloc(vlen + 1, sizeof *b->g);
    b->h = calloc(vlen + 1, sizeof *b->h);
    if (!b->g || !b->h)
        return -RV_ENOMEM;
    int err = mmsg_headers(vm, vec, vlen, b, &niov);
    if (err)
        return err;
    if (!(b->iov = malloc((niov + 1) * sizeof *b->iov)))
        return -RV_ENOMEM;
    struct iovec *iov = b->iov;
    for (unsigned i = 0; i < b->n; i++) {
        err = msg_from_guest(vm, &b->g[i].msg_hdr, need, &b->h[i].msg_hdr, iov);
        if (err) {
            b->n = i;
            return i ? 0 : err;
        }
        iov += b->g[i].msg_hdr.msg_iovlen;
    }
    return 0;
}

/* Writes back the first n results: msg_len always, the msghdr results
 * for receives. A fault here is EFAULT only if nothing was done. */
static i64 mmsg_to_guest(struct vm *vm, guest_addr vec, struct mmsg_batch *b, long n,
                         bool recv)
{
    for (long i = 0; i < n; i++) {
        b->g[i].msg_len = b->h[i].msg_len;
        if (recv)
            msg_result_to_guest(&b->g[i].msg_hdr, &b->h[i].msg_hdr);
        if (copy_to_guest(vm, vec + (u64)i * sizeof *b->g, &b->g[i], sizeof *b->g))
            return i ? i : -RV_EFAULT;
    }
    return n;
}

/* sendmmsg(fd, vec, vlen, flags) */
i64 sys_sendmmsg(struct cpu *cpu, const u64 *a)
{
    struct mmsg_batch b;
    i64 r = mmsg_from_guest(cpu->vm, a[1], (unsigned)a[2], PAGE_R, &b);
    if (!r && b.n) {
        r = sys_host(safe_syscall(SYS_sendmmsg, sys_fd(a[0]), b.h, b.n, (int)a[3]));
        if (r > 0)
            r = mmsg_to_guest(cpu->vm, a[1], &b, r, false);
    }
    mmsg_free(&b);
    return r;
}

/* recvmmsg(fd, vec, vlen, flags, timeout): the remaining time is written
 * back to the guest's timespec, in place. */
i64 sys_recvmmsg(struct cpu *cpu, const u64 *a)
{
    void *ts;
    if (!sys_opt(cpu->vm, a[4], 16, PAGE_R | PAGE_W, &ts))
        return -RV_EFAULT;
    struct mmsg_batch b;
    i64 r = mmsg_from_guest(cpu->vm, a[1], (unsigned)a[2], PAGE_W, &b);
    if (!r && b.n) {
        r = sys_host(safe_syscall(SYS_recvmmsg, sys_fd(a[0]), b.h, b.n, (int)a[3], ts));
        if (r > 0)
            r = mmsg_to_guest(cpu->vm, a[1], &b, r, true);
    }
    mmsg_free(&b);
    return r;
}
