/* The guest's event and timer ABI: epoll, POSIX timers, itimers.
 * linux: include/uapi/linux/eventpoll.h: struct epoll_event is packed
 * only on x86-64 (EPOLL_PACKED), so the guest's is 16 bytes with data @8
 * and the host's 12 with data @4: epoll buffers are converted.
 * include/uapi/asm-generic/siginfo.h: struct sigevent is 64 bytes on both
 * (value @0, signo @8, notify @12, tid @16); the kernel never follows its
 * pointers (SIGEV_THREAD is glibc's, done with SIGEV_THREAD_ID), so it
 * passes through. itimerval/itimerspec: 4 x 8 bytes on both. */
#ifndef RVX_ABI_RV_EVENT_H
#define RVX_ABI_RV_EVENT_H

#include <stddef.h>

#include "base/types.h"

struct rv_epoll_event {
    u32 events;
    u32 pad;
    u64 data;
};
_Static_assert(sizeof(struct rv_epoll_event) == 16, "epoll_event");
_Static_assert(offsetof(struct rv_epoll_event, data) == 8, "epoll_event.data");

#define RV_EPOLL_CTL_ADD 1
#define RV_EPOLL_CTL_DEL 2
#define RV_EPOLL_CTL_MOD 3

struct rv_sigevent {
    u64 sigev_value;
    i32 sigev_signo;
    i32 sigev_notify;
    i32 sigev_tid;   /* _sigev_un._tid for SIGEV_THREAD_ID */
    i32 pad[11];
};
_Static_assert(sizeof(struct rv_sigevent) == 64, "sigevent");
_Static_assert(offsetof(struct rv_sigevent, sigev_tid) == 16, "sigevent._tid");

#define RV_ITIMERVAL_SIZE 32
#define RV_ITIMERSPEC_SIZE 32
#define RV_TIMESPEC_SIZE 16
#define RV_SIGSET_BYTES 8

#endif
