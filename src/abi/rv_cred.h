/* The guest's credential, scheduling and process-attribute ABI.
 * linux: include/uapi/linux/capability.h (cap header 8 bytes, data 12
 * bytes per 32-bit word; version 1 has one word, versions 2 and 3 two),
 * include/uapi/linux/sched.h and sched/types.h (sched_param is one int;
 * sched_attr is versioned by its size field), include/uapi/linux/
 * personality.h, include/uapi/linux/membarrier.h. All equal on x86-64. */
#ifndef RVX_ABI_RV_CRED_H
#define RVX_ABI_RV_CRED_H

#include "base/types.h"

struct rv_cap_header {
    u32 version;
    i32 pid;
};
_Static_assert(sizeof(struct rv_cap_header) == 8, "cap header");
#define RV_CAP_DATA_SIZE 12
#define RV_CAP_V1 0x19980330
#define RV_CAP_V2 0x20071026
#define RV_CAP_V3 0x20080522

#define RV_SCHED_PARAM_SIZE 4
#define RV_SCHED_ATTR_MAX 4096 /* the kernel reads at most a page of it */
#define RV_NGROUPS_MAX 65536

#define RV_PER_LINUX 0
#define RV_PER_QUERY 0xffffffffu

#define RV_MEMBARRIER_CMD_QUERY 0
#define RV_MEMBARRIER_CMD_GLOBAL 1
#define RV_MEMBARRIER_CMD_GLOBAL_EXPEDITED 2
#define RV_MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED 4
#define RV_MEMBARRIER_CMD_PRIVATE_EXPEDITED 8
#define RV_MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED 16
#define RV_MEMBARRIER_CMD_GET_REGISTRATIONS 512

#endif
