/* System V semaphores (semctl IPC_STAT through the converted 88-byte
 * semid_ds, SETALL/GETALL, SETVAL/GETVAL, semop, semtimedop timeout),
 * message queues (msgsnd/msgrcv by type, IPC_STAT counts), shared-memory
 * (shmget, shmat sharing between two attachments, shmdt, IPC_STAT), POSIX message queues (priorities,
 * getsetattr, timed receive), and their errors. */
#include "common.h"

#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static void sems(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    printf("semget: %d\n", id >= 0);
    struct semid_ds ds;
    memset(&ds, 0xee, sizeof ds);
    SHOW("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    printf("nsems %lu mode %o owner is me %d otime %ld ctime set %d\n", (unsigned long)ds.sem_nsems,
           ds.sem_perm.mode & 0777, ds.sem_perm.uid == geteuid(), (long)ds.sem_otime,
           ds.sem_ctime > 0);
    unsigned short vals[3] = {4, 0, 9}, got[3] = {0};
    SHOW("SETALL", semctl(id, 0, SETALL, (union semun){.array = vals}));
    SHOW("GETALL", semctl(id, 0, GETALL, (union semun){.array = got}));
    printf("values %u %u %u\n", got[0], got[1], got[2]);
    SHOW("SETVAL", semctl(id, 1, SETVAL, (union semun){.val = 2}));
    SHOW("GETVAL", semctl(id, 1, GETVAL));
    struct sembuf ops[2] = {{0, -3, 0}, {1, 1, 0}};
    SHOW("semop", semop(id, ops, 2));
    SHOW("GETVAL 0", semctl(id, 0, GETVAL));
    SHOW("GETVAL 1", semctl(id, 1, GETVAL));
    SHOW("GETPID is me", semctl(id, 0, GETPID) == getpid());
    struct sembuf wait0 = {0, -5, 0};
    struct timespec ts = {0, 20 * 1000 * 1000};
    SHOW("semtimedop times out", semtimedop(id, &wait0, 1, &ts));
    struct sembuf nb = {0, -5, IPC_NOWAIT};
    SHOW("semop nowait", semop(id, &nb, 1));
    SHOW("semop zero ops", semop(id, ops, 0));
    SHOW("semop bad sops", semop(id, BADPTR, 1));
    SHOW("IPC_STAT bad buf", semctl(id, 0, IPC_STAT, (union semun){.buf = BADPTR}));
    ds.sem_perm.mode = 0640;
    SHOW("IPC_SET mode", semctl(id, 0, IPC_SET, (union semun){.buf = &ds}));
    SHOW("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}));
    printf("mode now %o otime set %d\n", ds.sem_perm.mode & 0777, ds.sem_otime > 0);
    struct seminfo si;
    printf("SEM_INFO: %d\n", semctl(id, 0, SEM_INFO, (union semun){.buf = (void *)&si}) >= 0);
    SHOW("IPC_RMID", semctl(id, 0, IPC_RMID));
    SHOW("GETVAL removed", semctl(id, 0, GETVAL));
}

struct msg { long type; char text[32]; };

static void msgs(void)
{
    int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("msgget: %d\n", id >= 0);
    struct msg m1 = {1, "first"}, m2 = {2, "second"}, r;
    SHOW("msgsnd 1", msgsnd(id, &m1, 6, 0));
    SHOW("msgsnd 2", msgsnd(id, &m2, 7, 0));
    struct msqid_ds ds;
    SHOW("IPC_STAT", msgctl(id, IPC_STAT, &ds));
    printf("qnum %lu cbytes %lu lspid is me %d\n", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes, ds.msg_lspid == getpid());
    SHOW("msgrcv type 2", msgrcv(id, &r, sizeof r.text, 2, 0));
    printf("got type %ld \"%s\"\n", r.type, r.text);
    SHOW("msgrcv too small", msgrcv(id, &r, 2, 0, 0));
    SHOW("msgrcv MSG_NOERROR", msgrcv(id, &r, 2, 0, MSG_NOERROR));
    printf("got type %ld \"%.2s\"\n", r.type, r.text);
    SHOW("msgrcv empty", msgrcv(id, &r, sizeof r.text, 0, IPC_NOWAIT));
    struct msg bad = {0, "x"};
    SHOW("msgsnd type 0", msgsnd(id, &bad, 1, 0));
    SHOW("msgsnd bad ptr", msgsnd(id, BADPTR, 1, 0));
    SHOW("IPC_RMID", msgctl(id, IPC_RMID, NULL));
}

static void shms(void)
{
    int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
    printf("shmget: %d\n", id >= 0);
    struct shmid_ds ds;
    SHOW("IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("segsz %lu nattch %lu cpid is me %d\n", (unsigned long)ds.shm_segsz,
           (unsigned long)ds.shm_nattch, ds.shm_cpid == getpid());
    SHOW("IPC_STAT bad buf", shmctl(id, IPC_STAT, BADPTR));

    /* Two attachments of one segment share its memory. */
    char *p = shmat(id, NULL, 0), *q = shmat(id, NULL, SHM_RDONLY);
    printf("shmat: %d %d, page aligned %d\n", p != (void *)-1, q != (void *)-1,
           ((unsigned long)p & 4095) == 0);
    strcpy(p + 5000, "shared");
    printf("second view reads \"%s\"\n", q + 5000);
    SHOW("IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("nattch %lu lpid is me %d\n", (unsigned long)ds.shm_nattch, ds.shm_lpid == getpid());
    SHOW("shmat fixed on a mapping", shmat(id, p, 0) == (void *)-1 ? -1 : 0);
    SHOW("shmat unaligned", shmat(id, p + 1, 0) == (void *)-1 ? -1 : 0);
    char *r = shmat(id, p + 1, SHM_RND | SHM_REMAP);
    printf("SHM_RND|SHM_REMAP over the first: %d\n", r == p);
    SHOW("shmat REMAP without address", shmat(id, NULL, SHM_REMAP) == (void *)-1 ? -1 : 0);
    SHOW("shmat bad id", shmat(-1, NULL, 0) == (void *)-1 ? -1 : 0);
    SHOW("shmdt q", shmdt(q));
    SHOW("shmdt q again", shmdt(q));
    SHOW("shmdt p", shmdt(p));
    SHOW("shmdt inside", shmdt(p + 4096));
    SHOW("IPC_STAT", shmctl(id, IPC_STAT, &ds));
    printf("nattch %lu\n", (unsigned long)ds.shm_nattch);
    SHOW("IPC_RMID", shmctl(id, IPC_RMID, NULL));
    SHOW("IPC_STAT removed", shmctl(id, IPC_STAT, &ds));
}

static void mqueues(void)
{
    char name[64];
    snprintf(name, sizeof name, "/rvx-mq-%d", getpid());
    struct mq_attr at = {.mq_maxmsg = 4, .mq_msgsize = 16};
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &at);
    if (q == (mqd_t)-1) {
        printf("no mqueue here: %s\n", strerrorname_np(errno));
        return;
    }
    SHOW("send low", mq_send(q, "low", 3, 1));
    SHOW("send high", mq_send(q, "high", 4, 9));
    SHOW("send too long", mq_send(q, "0123456789abcdefg", 17, 1));
    struct mq_attr cur;
    SHOW("getattr", mq_getattr(q, &cur));
    printf("maxmsg %ld msgsize %ld curmsgs %ld\n", cur.mq_maxmsg, cur.mq_msgsize, cur.mq_curmsgs);
    char buf[16] = {0};
    unsigned prio = 0;
    SHOW("receive", mq_receive(q, buf, sizeof buf, &prio));
    printf("\"%s\" prio %u\n", buf, prio);
    SHOW("receive small buffer", mq_receive(q, buf, 8, &prio));
    struct mq_attr nb = {.mq_flags = O_NONBLOCK};
    SHOW("setattr nonblock", mq_setattr(q, &nb, NULL));
    SHOW("receive", mq_receive(q, buf, sizeof buf, &prio));
    SHOW("receive empty", mq_receive(q, buf, sizeof buf, &prio));
    struct timespec ts = {0, 0};
    SHOW("timedreceive bad buf", mq_timedreceive(q, BADPTR, 16, NULL, &ts));
    SHOW("close", mq_close(q));
    SHOW("unlink", mq_unlink(name));
    SHOW("unlink again", mq_unlink(name));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    sems();
    msgs();
    shms();
    mqueues();
    return 0;
}
