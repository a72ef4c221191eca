/* System V IPC (semaphores, message queues, shared-memory control) and
 * POSIX message queues, run by the host kernel: ids, keys and mqds are
 * host ones. Only struct semid64_ds is converted (abi/rv_ipc.h); every
 * other buffer passes in place. A guest buffer that is not accessible
 * is handed to the host as NULL, so the host kernel checks the sizes,
 * ids and permissions first and then reports EFAULT, in Linux's order.
 * shmat places the segment inside the guest address space: mem_mmap
 * reserves the guest range (vma, page flags, placement), then the host
 * shmat replaces that host range (SHM_REMAP), all under the map lock.
 * shmdt unmaps it through mem_munmap, whose PROT_NONE remap detaches the
 * host segment; the attachments are remembered for that. */
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "abi/rv_event.h"
#include "abi/rv_ipc.h"
#include "mem/mman.h"
#include "os/safe_syscall.h"
#include "os/sys_impl.h"

_Static_assert(sizeof(struct semid_ds) == 104, "host semid64_ds");
_Static_assert(sizeof(struct ipc_perm) == RV_IPC_PERM_SIZE, "ipc64_perm");
_Static_assert(sizeof(struct msqid_ds) == RV_MSQID_DS_SIZE &&
               sizeof(struct shmid_ds) == RV_SHMID_DS_SIZE, "msqid_ds, shmid_ds");
_Static_assert(sizeof(struct sembuf) == RV_SEMBUF_SIZE && sizeof(struct seminfo) ==
               RV_SEMINFO_SIZE && sizeof(struct msginfo) == RV_MSGINFO_SIZE, "ipc info");
_Static_assert(sizeof(struct shminfo) == RV_SHMINFO_SIZE &&
               sizeof(struct shm_info) == RV_SHM_INFO_SIZE &&
               sizeof(struct mq_attr) == RV_MQ_ATTR_SIZE, "shm info, mq_attr");
_Static_assert(IPC_STAT == RV_IPC_STAT && SEM_STAT_ANY == RV_SEM_STAT_ANY &&
               GETALL == RV_GETALL && SETALL == RV_SETALL && MSG_STAT_ANY == RV_MSG_STAT_ANY &&
               SHM_INFO == RV_SHM_INFO && SHM_STAT_ANY == RV_SHM_STAT_ANY, "ipc commands");
_Static_assert(SHM_RDONLY == RV_SHM_RDONLY && SHM_RND == RV_SHM_RND && SHM_REMAP == RV_SHM_REMAP &&
               SHM_EXEC == RV_SHM_EXEC, "shmat flags");

/* The guest buffer [p, p+len) as a host pointer, or NULL (which the
 * host kernel reports as EFAULT once its own checks pass). */
static void *ipc_buf(struct vm *vm, guest_addr p, u64 len, int need)
{
    return p && len < (1ull << 40) ? guest_ptr(vm, p, len, need) : NULL;
}

i64 sys_semget(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_semget, (key_t)a[0], (int)a[1], (int)a[2]));
}

/* semop/semtimedop(id, sops, nsops[, timeout]) */
i64 sys_semtimedop(struct cpu *cpu, const u64 *a)
{
    void *sops = ipc_buf(cpu->vm, a[1], a[2] * RV_SEMBUF_SIZE, PAGE_R);
    void *ts = NULL;
    if (a[3] && !(ts = guest_ptr(cpu->vm, a[3], RV_TIMESPEC_SIZE, PAGE_R)))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_semtimedop, (int)a[0], sops, (size_t)a[2], ts));
}

i64 sys_semop(struct cpu *cpu, const u64 *a)
{
    u64 b[4] = {a[0], a[1], a[2], 0};
    return sys_semtimedop(cpu, b);
}

static void semid_to_guest(struct rv_semid_ds *g, const struct semid_ds *h)
{
    memset(g, 0, sizeof *g);
    memcpy(g->sem_perm, &h->sem_perm, RV_IPC_PERM_SIZE);
    g->sem_otime = h->sem_otime;
    g->sem_ctime = h->sem_ctime;
    g->sem_nsems = h->sem_nsems;
}

/* IPC_STAT, SEM_STAT, SEM_STAT_ANY: stat on the host, convert. */
static i64 semctl_stat(struct cpu *cpu, const u64 *a)
{
    struct semid_ds h;
    long r = syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2], &h);
    if (r < 0)
        return sys_host(r);
    struct rv_semid_ds g;
    semid_to_guest(&g, &h);
    return copy_to_guest(cpu->vm, a[3], &g, sizeof g) ? -RV_EFAULT : r;
}

/* IPC_SET: Linux takes only the owner and mode from sem_perm. */
static i64 semctl_set(struct cpu *cpu, const u64 *a)
{
    struct rv_semid_ds g;
    struct semid_ds h;
    memset(&h, 0, sizeof h);
    if (copy_from_guest(cpu->vm, &g, a[3], sizeof g))
        return sys_host(syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2], NULL));
    memcpy(&h.sem_perm, g.sem_perm, RV_IPC_PERM_SIZE);
    h.sem_otime = g.sem_otime;
    h.sem_ctime = g.sem_ctime;
    h.sem_nsems = g.sem_nsems;
    return sys_host(syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2], &h));
}

/* GETALL/SETALL: an array of nsems u16 values; nsems from the set. */
static i64 semctl_all(struct cpu *cpu, const u64 *a, int need)
{
    struct semid_ds h;
    long r = syscall(SYS_semctl, (int)a[0], 0, IPC_STAT, &h);
    if (r < 0)
        return sys_host(r);
    void *arr = ipc_buf(cpu->vm, a[3], h.sem_nsems * 2, need);
    return sys_host(syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2], arr));
}

/* semctl(id, num, cmd, arg): arg is a union semun passed by value, a
 * pointer for the commands that take a buffer. */
i64 sys_semctl(struct cpu *cpu, const u64 *a)
{
    switch ((int)a[2] & ~RV_IPC_64) {
    case RV_IPC_STAT:
    case RV_SEM_STAT:
    case RV_SEM_STAT_ANY: return semctl_stat(cpu, a);
    case RV_IPC_SET: return semctl_set(cpu, a);
    case RV_GETALL: return semctl_all(cpu, a, PAGE_W);
    case RV_SETALL: return semctl_all(cpu, a, PAGE_R);
    case RV_IPC_INFO:
    case RV_SEM_INFO:
        return sys_host(syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2],
                                ipc_buf(cpu->vm, a[3], RV_SEMINFO_SIZE, PAGE_W)));
    default:
        return sys_host(syscall(SYS_semctl, (int)a[0], (int)a[1], (int)a[2], (unsigned long)a[3]));
    }
}

i64 sys_msgget(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_msgget, (key_t)a[0], (int)a[1]));
}

/* msgsnd(id, msgp, size, flags): msgp is {long mtype; char mtext[size]}. */
i64 sys_msgsnd(struct cpu *cpu, const u64 *a)
{
    void *m = ipc_buf(cpu->vm, a[1], 8 + a[2], PAGE_R);
    return sys_host(safe_syscall(SYS_msgsnd, (int)a[0], m, (size_t)a[2], (int)a[3]));
}

/* msgrcv(id, msgp, size, type, flags) */
i64 sys_msgrcv(struct cpu *cpu, const u64 *a)
{
    void *m = ipc_buf(cpu->vm, a[1], 8 + a[2], PAGE_W);
    return sys_host(safe_syscall(SYS_msgrcv, (int)a[0], m, (size_t)a[2], (long)a[3], (int)a[4]));
}

/* msgctl(id, cmd, buf) and shmctl(id, cmd, buf): same layouts as the
 * host, so only the size and direction of buf depend on cmd. */
static i64 ipc_ctl(struct cpu *cpu, const u64 *a, long nr, u64 size, int need)
{
    void *buf = size ? ipc_buf(cpu->vm, a[2], size, need) : (void *)(uintptr_t)a[2];
    return sys_host(syscall(nr, (int)a[0], (int)a[1], buf));
}

i64 sys_msgctl(struct cpu *cpu, const u64 *a)
{
    switch ((int)a[1] & ~RV_IPC_64) {
    case RV_IPC_STAT:
    case RV_MSG_STAT:
    case RV_MSG_STAT_ANY: return ipc_ctl(cpu, a, SYS_msgctl, RV_MSQID_DS_SIZE, PAGE_W);
    case RV_IPC_SET: return ipc_ctl(cpu, a, SYS_msgctl, RV_MSQID_DS_SIZE, PAGE_R);
    case RV_IPC_INFO:
    case RV_MSG_INFO: return ipc_ctl(cpu, a, SYS_msgctl, RV_MSGINFO_SIZE, PAGE_W);
    default: return ipc_ctl(cpu, a, SYS_msgctl, 0, 0);
    }
}

i64 sys_shmget(struct cpu *cpu, const u64 *a)
{
    UNUSED(cpu);
    return sys_host(syscall(SYS_shmget, (key_t)a[0], (size_t)a[1], (int)a[2]));
}

i64 sys_shmctl(struct cpu *cpu, const u64 *a)
{
    switch ((int)a[1] & ~RV_IPC_64) {
    case RV_IPC_STAT:
    case RV_SHM_STAT:
    case RV_SHM_STAT_ANY: return ipc_ctl(cpu, a, SYS_shmctl, RV_SHMID_DS_SIZE, PAGE_W);
    case RV_IPC_SET: return ipc_ctl(cpu, a, SYS_shmctl, RV_SHMID_DS_SIZE, PAGE_R);
    case RV_IPC_INFO: return ipc_ctl(cpu, a, SYS_shmctl, RV_SHMINFO_SIZE, PAGE_W);
    case RV_SHM_INFO: return ipc_ctl(cpu, a, SYS_shmctl, RV_SHM_INFO_SIZE, PAGE_W);
    default: return ipc_ctl(cpu, a, SYS_shmctl, 0, 0);
    }
}

/* mq_open(name, oflag, mode, attr): the name is a queue name, not a
 * file path, so it never goes through the sysroot. */
i64 sys_mq_open(struct cpu *cpu, const u64 *a)
{
    char name[PATH_MAX];
    long n = copy_str_from_guest(cpu->vm, name, a[0], sizeof name);
    if (n < 0)
        return n;
    void *attr;
    if (!sys_opt(cpu->vm, a[3], RV_MQ_ATTR_SIZE, PAGE_R, &attr))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_mq_open, name, (int)a[1], (mode_t)a[2], attr));
}

i64 sys_mq_unlink(struct cpu *cpu, const u64 *a)
{
    char name[PATH_MAX];
    long n = copy_str_from_guest(cpu->vm, name, a[0], sizeof name);
    return n < 0 ? n : sys_host(syscall(SYS_mq_unlink, name));
}

/* mq_timedsend(mqd, msg, len, prio, timeout) */
i64 sys_mq_timedsend(struct cpu *cpu, const u64 *a)
{
    void *msg = ipc_buf(cpu->vm, a[1], a[2], PAGE_R), *ts;
    if (!sys_opt(cpu->vm, a[4], RV_TIMESPEC_SIZE, PAGE_R, &ts))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_mq_timedsend, sys_fd(a[0]), msg, (size_t)a[2], (unsigned)a[3], ts));
}

/* mq_timedreceive(mqd, msg, len, prio*, timeout) */
i64 sys_mq_timedreceive(struct cpu *cpu, const u64 *a)
{
    void *msg = ipc_buf(cpu->vm, a[1], a[2], PAGE_W), *prio, *ts;
    if (!sys_opt(cpu->vm, a[3], 4, PAGE_W, &prio) ||
        !sys_opt(cpu->vm, a[4], RV_TIMESPEC_SIZE, PAGE_R, &ts))
        return -RV_EFAULT;
    return sys_host(safe_syscall(SYS_mq_timedreceive, sys_fd(a[0]), msg, (size_t)a[2], prio, ts));
}

/* mq_notify(mqd, sigevent): for SIGEV_THREAD (glibc's netlink helper)
 * the kernel reads a 32-byte cookie at sigev_value, a guest pointer. */
i64 sys_mq_notify(struct cpu *cpu, const u64 *a)
{
    struct rv_sigevent ev, *evp = NULL;
    if (a[1]) {
        if (copy_from_guest(cpu->vm, &ev, a[1], sizeof ev))
            return -RV_EFAULT;
        if (ev.sigev_notify == RV_SIGEV_THREAD)
            ev.sigev_value = (u64)(uintptr_t)ipc_buf(cpu->vm, ev.sigev_value,
                                                     RV_NOTIFY_COOKIE_LEN, PAGE_R);
        evp = &ev;
    }
    return sys_host(syscall(SYS_mq_notify, sys_fd(a[0]), evp));
}

/* mq_getsetattr(mqd, new, old) */
i64 sys_mq_getsetattr(struct cpu *cpu, const u64 *a)
{
    void *nw, *old;
    if (!sys_opt(cpu->vm, a[1], RV_MQ_ATTR_SIZE, PAGE_R, &nw) ||
        !sys_opt(cpu->vm, a[2], RV_MQ_ATTR_SIZE, PAGE_W, &old))
        return -RV_EFAULT;
    return sys_host(syscall(SYS_mq_getsetattr, sys_fd(a[0]), nw, old));
}

/* Guest shm attachments: [start, start+len). Process-wide like the
 * address space (a forked child inherits both, exec drops both); guarded
 * by the map lock. A stale entry (the guest munmapped the range itself)
 * is dropped when its address is reused or when shmdt finds no shared
 * anonymous vma of that extent there. */
static struct shm_att { guest_addr start; u64 len; } *shm_atts;
static size_t shm_natt, shm_cap;

static struct shm_att *shm_find(guest_addr start)
{
    for (size_t i = 0; i < shm_natt; i++)
        if (shm_atts[i].start == start)
            return &shm_atts[i];
    return NULL;
}

static bool shm_remember(guest_addr start, u64 len)
{
    struct shm_att *e = shm_find(start);
    if (!e && shm_natt == shm_cap) {
        size_t cap = shm_cap ? 2 * shm_cap : 16;
        struct shm_att *n = realloc(shm_atts, cap * sizeof *n);
        if (!n)
            return false;
        shm_atts = n;
        shm_cap = cap;
    }
    if (!e)
        e = &shm_atts[shm_natt++];
    *e = (struct shm_att){start, len};
    return true;
}

/* The guest range for shmat: Linux's address rules (SHMLBA is a page on
 * riscv64), then a shared anonymous reservation with the segment's
 * protection; without SHM_REMAP an overlap is EINVAL. */
static i64 shm_reserve(struct vm *vm, guest_addr addr, u64 len, int flg)
{
    int prot = (flg & RV_SHM_RDONLY) ? RV_PROT_READ : RV_PROT_READ | RV_PROT_WRITE;
    if (flg & RV_SHM_EXEC)
        prot |= RV_PROT_EXEC;
    int flags = RV_MAP_SHARED | RV_MAP_ANONYMOUS;
    if (addr & ~GUEST_PAGE_MASK) {
        if (!(flg & RV_SHM_RND))
            return -RV_EINVAL;
        addr &= GUEST_PAGE_MASK;
        if (!addr && (flg & RV_SHM_REMAP))
            return -RV_EINVAL;
    }
    if (addr)
        flags |= (flg & RV_SHM_REMAP) ? RV_MAP_FIXED : RV_MAP_FIXED_NOREPLACE;
    else if (flg & RV_SHM_REMAP)
        return -RV_EINVAL;
    i64 g = mem_mmap(vm, addr, len, prot, flags, -1, 0);
    return g == -RV_EEXIST ? -RV_EINVAL : g;
}

/* shmat(id, addr, flags) */
i64 sys_shmat(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    int id = (int)a[0], flg = (int)a[2];
    struct shmid_ds ds;
    if (syscall(SYS_shmctl, id, IPC_STAT, &ds) < 0)
        return sys_host(-1);
    u64 len = (ds.shm_segsz + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    mem_lock(&vm->mem);
    i64 g = shm_reserve(vm, a[1], len, flg);
    if (g >= 0) {
        /* Never SHM_EXEC: host mappings are not executable (mem.h). */
        int hf = (flg & RV_SHM_RDONLY) | RV_SHM_REMAP;
        void *h = mem_host(&vm->mem, (guest_addr)g);
        if (shmat(id, h, hf) != h || !shm_remember((guest_addr)g, len)) {
            i64 err = errno == 0 ? -RV_ENOMEM : -errno_to_guest(errno);
            mem_munmap(vm, (guest_addr)g, len);
            g = err;
        }
    }
    mem_unlock(&vm->mem);
    return g;
}

/* Is [start, start+len) still one shared anonymous guest mapping? */
static bool shm_still_mapped(const struct mem *m, guest_addr start, u64 len)
{
    for (size_t i = 0; i < m->nvma; i++) {
        const struct vma *v = &m->vmas[i];
        if (v->start <= start && start < v->end)
            return v->end - start >= len && (v->flags & RV_MAP_SHARED) && !v->ino;
    }
    return false;
}

/* shmdt(addr): EINVAL unless a segment is attached exactly there. */
i64 sys_shmdt(struct cpu *cpu, const u64 *a)
{
    struct vm *vm = cpu->vm;
    i64 r = -RV_EINVAL;
    mem_lock(&vm->mem);
    struct shm_att *e = shm_find(a[0]);
    if (e) {
        if (shm_still_mapped(&vm->mem, e->start, e->len))
            r = mem_munmap(vm, e->start, e->len);
        *e = shm_atts[--shm_natt];
    }
    mem_unlock(&vm->mem);
    return r;
}
