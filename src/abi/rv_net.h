/* The guest's socket ABI: the structs that carry guest pointers and must
 * be rebuilt for the host (msghdr, mmsghdr, iovec, sock_fprog), and the
 * constants the socket syscalls look at.
 * linux: include/linux/socket.h (user_msghdr, mmsghdr, cmsghdr),
 * include/uapi/linux/uio.h (iovec), include/uapi/linux/filter.h
 * (sock_fprog), include/uapi/asm-generic/socket.h (SO_*).
 * Every layout is the same on x86-64 (fact sheet 1.1, checked with
 * offsetof on both), so only the pointers change; cmsg payloads
 * (SCM_RIGHTS fds, SCM_CREDENTIALS ucred, timestamps) are plain data. */
#ifndef RVX_ABI_RV_NET_H
#define RVX_ABI_RV_NET_H

#include <stddef.h>

#include "base/types.h"

struct rv_iovec {
    u64 iov_base;
    u64 iov_len;
};

struct rv_msghdr {
    u64 msg_name;
    u32 msg_namelen;
    u32 pad0;
    u64 msg_iov;
    u64 msg_iovlen;
    u64 msg_control;
    u64 msg_controllen;
    u32 msg_flags;
    u32 pad1;
};
_Static_assert(sizeof(struct rv_msghdr) == 56, "msghdr");
_Static_assert(offsetof(struct rv_msghdr, msg_iov) == 16, "msghdr.msg_iov");
_Static_assert(offsetof(struct rv_msghdr, msg_controllen) == 40, "msghdr.msg_controllen");
_Static_assert(offsetof(struct rv_msghdr, msg_flags) == 48, "msghdr.msg_flags");

struct rv_mmsghdr {
    struct rv_msghdr msg_hdr;
    u32 msg_len;
    u32 pad;
};
_Static_assert(sizeof(struct rv_mmsghdr) == 64, "mmsghdr");

/* struct sock_fprog { unsigned short len; struct sock_filter *filter; } */
struct rv_sock_fprog {
    u16 len;
    u16 pad[3];
    u64 filter;
};
_Static_assert(sizeof(struct rv_sock_fprog) == 16, "sock_fprog");
#define RV_SOCK_FILTER_SIZE 8 /* struct sock_filter: u16 code, u8 jt, jf, u32 k */

#define RV_UIO_MAXIOV 1024
#define RV_SOL_SOCKET 1
#define RV_SO_ATTACH_FILTER 26
#define RV_SO_ATTACH_REUSEPORT_CBPF 51
#define RV_MSG_WAITFORONE 0x10000

#endif
