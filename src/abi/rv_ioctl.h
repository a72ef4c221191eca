/* More guest ioctl requests: sockets and terminals beyond the basic set
 * in rv_misc.h. linux: include/uapi/asm-generic/ioctls.h, termbits.h,
 * include/uapi/linux/sockios.h, include/uapi/linux/if.h. x86-64 takes
 * the same asm-generic files, so every number is the host's too (checked
 * with _Static_assert in os/ioctl_more.c and by printing both). The
 * structs have one layout on both: struct ifreq 40 bytes (name[16] and
 * a 24-byte union, whose only pointer member, ifr_data, is used by
 * requests not listed here), struct termios2 44 bytes; struct ifconf
 * (int len @0, buffer pointer @8) holds a guest pointer. */
#ifndef RVX_ABI_RV_IOCTL_H
#define RVX_ABI_RV_IOCTL_H

#include "base/types.h"

#define RV_SIOCGIFNAME 0x8910
#define RV_SIOCGIFCONF 0x8912
#define RV_SIOCGIFFLAGS 0x8913
#define RV_SIOCGIFADDR 0x8915
#define RV_SIOCGIFDSTADDR 0x8917
#define RV_SIOCGIFBRDADDR 0x8919
#define RV_SIOCGIFNETMASK 0x891b
#define RV_SIOCGIFMETRIC 0x891d
#define RV_SIOCGIFMTU 0x8921
#define RV_SIOCGIFHWADDR 0x8927
#define RV_SIOCGIFINDEX 0x8933
#define RV_SIOCGIFTXQLEN 0x8942
#define RV_SIOCATMARK 0x8905
#define RV_SIOCOUTQNSD 0x894b
#define RV_IFREQ_SIZE 40

struct rv_ifconf {
    i32 len;  /* ifc_len */
    i32 pad;
    u64 buf;  /* ifc_buf / ifc_req */
};
_Static_assert(sizeof(struct rv_ifconf) == 16, "ifconf");

#define RV_TIOCEXCL 0x540C
#define RV_TIOCNXCL 0x540D
#define RV_TIOCSCTTY 0x540E
#define RV_TIOCOUTQ 0x5411 /* also SIOCOUTQ */
#define RV_TIOCSTI 0x5412
#define RV_TIOCMGET 0x5415
#define RV_TIOCMBIS 0x5416
#define RV_TIOCMBIC 0x5417
#define RV_TIOCMSET 0x5418
#define RV_TIOCPKT 0x5420
#define RV_TIOCNOTTY 0x5422
#define RV_TIOCSETD 0x5423
#define RV_TIOCGETD 0x5424
#define RV_TCSBRKP 0x5425
#define RV_TIOCGSID 0x5429
#define RV_TCGETS2 0x802C542A
#define RV_TCSETS2 0x402C542B
#define RV_TCSETSW2 0x402C542C
#define RV_TCSETSF2 0x402C542D
#define RV_TIOCSIG 0x40045436
#define RV_TIOCVHANGUP 0x5437
#define RV_TIOCGPKT 0x80045438
#define RV_TIOCGPTLCK 0x80045439
#define RV_TIOCGEXCL 0x80045440
#define RV_TIOCGPTPEER 0x5441
#define RV_FIOASYNC 0x5452
#define RV_TIOCGLCKTRMIOS 0x5456
#define RV_TIOCSLCKTRMIOS 0x5457
#define RV_FIOQSIZE 0x5460
#define RV_TERMIOS2_SIZE 44
/* linux/fs.h: reflink a whole file (arg: the source fd) or a range
 * (struct file_clone_range: s64 src_fd, u64 src_offset, src_length,
 * dest_offset). */
#define RV_FICLONE 0x40049409
#define RV_FICLONERANGE 0x4020940D
#define RV_FILE_CLONE_RANGE_SIZE 32

#endif
