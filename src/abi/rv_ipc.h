/* The guest's System V IPC and POSIX message-queue ABI.
 * linux: include/uapi/asm-generic/sembuf.h, msgbuf.h, shmbuf.h, ipcbuf.h,
 * include/uapi/linux/sem.h, msg.h, shm.h, ipc.h, mqueue.h.
 * Only struct semid64_ds differs: asm-generic (riscv64) has no padding
 * after the 64-bit times, 88 bytes; x86-64's own sembuf.h pads each time
 * with an unused long, 104 bytes. ipc64_perm (48), msqid64_ds (120),
 * shmid64_ds (112), sembuf (6), seminfo (40), msginfo (32), shminfo64
 * (72), shm_info (48) and mq_attr (64) are the same on both (checked with
 * offsetof on both targets). */
#ifndef RVX_ABI_RV_IPC_H
#define RVX_ABI_RV_IPC_H

#include <stddef.h>

#include "base/types.h"

#define RV_IPC_PERM_SIZE 48

struct rv_semid_ds {
    u8 sem_perm[RV_IPC_PERM_SIZE];
    i64 sem_otime;
    i64 sem_ctime;
    u64 sem_nsems;
    u64 unused3;
    u64 unused4;
};
_Static_assert(sizeof(struct rv_semid_ds) == 88, "semid64_ds");
_Static_assert(offsetof(struct rv_semid_ds, sem_nsems) == 64, "semid64_ds.sem_nsems");

#define RV_IPC_RMID 0
#define RV_IPC_SET 1
#define RV_IPC_STAT 2
#define RV_IPC_INFO 3
#define RV_IPC_64 0x100

#define RV_GETPID 11
#define RV_GETVAL 12
#define RV_GETALL 13
#define RV_GETNCNT 14
#define RV_GETZCNT 15
#define RV_SETVAL 16
#define RV_SETALL 17
#define RV_SEM_STAT 18
#define RV_SEM_INFO 19
#define RV_SEM_STAT_ANY 20

#define RV_MSG_STAT 11
#define RV_MSG_INFO 12
#define RV_MSG_STAT_ANY 13

#define RV_SHM_LOCK 11
#define RV_SHM_UNLOCK 12
#define RV_SHM_STAT 13
#define RV_SHM_INFO 14
#define RV_SHM_STAT_ANY 15

#define RV_SHM_RDONLY 010000
#define RV_SHM_RND 020000
#define RV_SHM_REMAP 040000
#define RV_SHM_EXEC 0100000

#define RV_SEMBUF_SIZE 6
#define RV_SEMINFO_SIZE 40
#define RV_MSQID_DS_SIZE 120
#define RV_MSGINFO_SIZE 32
#define RV_SHMID_DS_SIZE 112
#define RV_SHMINFO_SIZE 72
#define RV_SHM_INFO_SIZE 48
#define RV_MQ_ATTR_SIZE 64
#define RV_NOTIFY_COOKIE_LEN 32
#define RV_SIGEV_THREAD 2

#endif
