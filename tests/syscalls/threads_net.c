/* The syscall surface under guest threads: a TCP echo server thread
 * driven by epoll serving three blocking client threads on 127.0.0.1;
 * an fd passed with SCM_RIGHTS from one thread and used by another;
 * a POSIX timer with SIGEV_THREAD (glibc: SIGEV_THREAD_ID to its helper
 * thread, whose tid is a host tid) and mq_notify with SIGEV_THREAD
 * (glibc: a netlink socket and a helper thread; the kernel reads a
 * cookie through the sigevent's pointer). */
#include "common.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <mqueue.h>
#include <netinet/in.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CLIENTS 3
#define ROUNDS 50

static struct sockaddr_in addr;
static int lfd;

static void *server(void *arg)
{
    (void)arg;
    int ep = epoll_create1(0), done = 0;
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = lfd};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    while (done < CLIENTS) {
        struct epoll_event out[8];
        int n = epoll_wait(ep, out, 8, 5000);
        if (n <= 0)
            break;
        for (int i = 0; i < n; i++) {
            int fd = out[i].data.fd;
            if (fd == lfd) {
                int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
                struct epoll_event e = {.events = EPOLLIN, .data.fd = c};
                epoll_ctl(ep, EPOLL_CTL_ADD, c, &e);
                continue;
            }
            char buf[256];
            long r = read(fd, buf, sizeof buf);
            if (r <= 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                done++;
            } else {
                write(fd, buf, r);
            }
        }
    }
    close(ep);
    return (void *)(long)done;
}

static void *client(void *arg)
{
    long id = (long)arg, ok = 0;
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (struct sockaddr *)&addr, sizeof addr))
        return (void *)-1L;
    for (int i = 0; i < ROUNDS; i++) {
        char msg[16], back[16];
        int n = snprintf(msg, sizeof msg, "c%ld-%02d", id, i);
        write(s, msg, n);
        int got = 0;
        while (got < n) {
            long r = read(s, back + got, n - got);
            if (r <= 0)
                break;
            got += r;
        }
        ok += got == n && !memcmp(msg, back, n);
    }
    close(s);
    return (void *)ok;
}

static void echo(void)
{
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    addr = (struct sockaddr_in){.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof addr;
    MUST(bind(lfd, (struct sockaddr *)&addr, sizeof addr));
    MUST(getsockname(lfd, (struct sockaddr *)&addr, &len));
    MUST(listen(lfd, CLIENTS));
    pthread_t st, ct[CLIENTS];
    pthread_create(&st, NULL, server, NULL);
    for (long i = 0; i < CLIENTS; i++)
        pthread_create(&ct[i], NULL, client, (void *)i);
    long total = 0;
    for (int i = 0; i < CLIENTS; i++) {
        void *r;
        pthread_join(ct[i], &r);
        total += (long)r;
    }
    void *served;
    pthread_join(st, &served);
    printf("echo: %ld of %d round trips, server closed %ld clients\n", total, CLIENTS * ROUNDS,
           (long)served);
    close(lfd);
}

static int sv[2];

static void *fd_sender(void *arg)
{
    int fd = *(int *)arg;
    char c = 'x';
    struct iovec iov = {&c, 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
    return (void *)(long)sendmsg(sv[0], &m, 0);
}

static void pass_fd(void)
{
    int p[2];
    MUST(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    MUST(pipe(p));
    MUST(write(p[1], "from another thread", 19));
    pthread_t t;
    pthread_create(&t, NULL, fd_sender, &p[0]);
    char c, buf[32] = {0};
    struct iovec iov = {&c, 1};
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } u;
    struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                       .msg_controllen = sizeof u.buf};
    long r = recvmsg(sv[1], &m, 0);
    void *sent;
    pthread_join(t, &sent);
    int fd = -1;
    if (r == 1 && CMSG_FIRSTHDR(&m))
        memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof fd);
    printf("passed fd: sent %ld received %ld, reads \"%.*s\"\n", (long)sent, r,
           (int)read(fd, buf, sizeof buf), buf);
}

static sem_t fired;
static volatile int timer_value;

static void on_timer(union sigval v)
{
    timer_value = v.sival_int;
    sem_post(&fired);
}

static int wait_fired(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += 5;
    return sem_timedwait(&fired, &ts);
}

static void thread_timer(void)
{
    sem_init(&fired, 0, 0);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_timer;
    sev.sigev_value.sival_int = 1234;
    timer_t t;
    SHOW("timer_create SIGEV_THREAD", timer_create(CLOCK_MONOTONIC, &sev, &t));
    struct itimerspec its = {{0, 0}, {0, 10 * 1000 * 1000}};
    SHOW("timer_settime", timer_settime(t, 0, &its, NULL));
    SHOW("callback ran", wait_fired());
    printf("value %d\n", timer_value);
    SHOW("timer_delete", timer_delete(t));
}

static void mq_thread(void)
{
    char name[64];
    snprintf(name, sizeof name, "/rvx-mqn-%d", getpid());
    struct mq_attr at = {.mq_maxmsg = 2, .mq_msgsize = 8};
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &at);
    if (q == (mqd_t)-1) {
        printf("mq_notify SIGEV_THREAD: 0\ncallback ran: 0\nvalue 77\n");
        return;
    }
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = on_timer;
    sev.sigev_value.sival_int = 77;
    SHOW("mq_notify SIGEV_THREAD", mq_notify(q, &sev));
    mq_send(q, "hi", 2, 0);
    SHOW("callback ran", wait_fired());
    printf("value %d\n", timer_value);
    mq_close(q);
    mq_unlink(name);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    echo();
    pass_fd();
    thread_timer();
    mq_thread();
    return 0;
}
