/* Guest constants used by the syscall layer that the guest and host
 * happen to share (fact sheet 1.3); guest-facing code still uses these
 * names. linux: include/uapi/linux/fcntl.h, asm-generic/fcntl.h,
 * asm-generic/ioctls.h, linux/prctl.h. (mmap constants: mem/mman.h.) */
#ifndef RVX_ABI_RV_MISC_H
#define RVX_ABI_RV_MISC_H

#define RV_AT_FDCWD (-100)
#define RV_AT_EMPTY_PATH 0x1000

#define RV_F_GETLK 5
#define RV_F_SETLK 6
#define RV_F_SETLKW 7
#define RV_F_SETOWN_EX 15
#define RV_F_GETOWN_EX 16
#define RV_F_OFD_GETLK 36
#define RV_F_OFD_SETLK 37
#define RV_F_OFD_SETLKW 38
#define RV_F_GET_RW_HINT 1035
#define RV_F_SET_RW_HINT 1036
#define RV_F_GET_FILE_RW_HINT 1037
#define RV_F_SET_FILE_RW_HINT 1038
#define RV_FLOCK_SIZE 32      /* struct flock, asm-generic/fcntl.h */
#define RV_F_OWNER_EX_SIZE 8

#define RV_TCGETS 0x5401
#define RV_TCSETS 0x5402
#define RV_TCSETSW 0x5403
#define RV_TCSETSF 0x5404
#define RV_TCSBRK 0x5409
#define RV_TCXONC 0x540A
#define RV_TCFLSH 0x540B
#define RV_TIOCGPGRP 0x540F
#define RV_TIOCSPGRP 0x5410
#define RV_TIOCGWINSZ 0x5413
#define RV_TIOCSWINSZ 0x5414
#define RV_FIONREAD 0x541B
#define RV_FIONBIO 0x5421
#define RV_FIONCLEX 0x5450
#define RV_FIOCLEX 0x5451
#define RV_TIOCGPTN 0x80045430
#define RV_TIOCSPTLCK 0x40045431
#define RV_TERMIOS_SIZE 36    /* kernel struct termios, NCCS 19 */
#define RV_WINSIZE_SIZE 8

#define RV_PR_SET_NAME 15
#define RV_PR_GET_NAME 16
#define RV_TASK_COMM_LEN 16

#define RV_IOV_MAX 1024
#define RV_ROBUST_LIST_HEAD_SIZE 24

#define RV_UTSNAME_LEN 65

#endif
