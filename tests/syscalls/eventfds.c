/* eventfd counter semantics (plain and EFD_SEMAPHORE, overflow,
 * short buffers), timerfd expirations and gettime/settime round trips,
 * and inotify seeing a file creation and deletion in a directory. */
#include "common.h"

#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void eventfds(void)
{
    uint64_t v;
    int fd = eventfd(3, EFD_NONBLOCK);
    SHOW("read initial", read(fd, &v, 8));
    printf("value %llu\n", (unsigned long long)v);
    SHOW("read empty", read(fd, &v, 8));
    v = 5;
    SHOW("write 5", write(fd, &v, 8));
    v = 7;
    SHOW("write 7", write(fd, &v, 8));
    SHOW("read sum", read(fd, &v, 8));
    printf("value %llu\n", (unsigned long long)v);
    v = UINT64_MAX;
    SHOW("write max", write(fd, &v, 8));
    SHOW("read short buffer", read(fd, &v, 4));
    v = UINT64_MAX - 1;
    SHOW("write max-1", write(fd, &v, 8));
    v = 1;
    SHOW("write 1 more (would block)", write(fd, &v, 8));
    close(fd);

    fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    printf("cloexec %d\n", !!(fcntl(fd, F_GETFD) & FD_CLOEXEC));
    for (int i = 0; i < 4; i++) {
        v = 99;
        long r = read(fd, &v, 8);
        printf("sem read %d: %ld %s value %llu\n", i, r, r < 0 ? strerrorname_np(errno) : "",
               (unsigned long long)v);
    }
    SHOW("eventfd bad flags", eventfd(0, 0x1234));
    close(fd);
}

static long ms(const struct timespec *t) { return t->tv_sec * 1000 + t->tv_nsec / 1000000; }

static void timerfds(void)
{
    int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    struct itimerspec it = {{0, 10 * 1000 * 1000}, {0, 10 * 1000 * 1000}}, old;
    SHOW("settime 10ms/10ms", timerfd_settime(fd, 0, &it, &old));
    printf("old was disarmed: %d\n", old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0);
    struct itimerspec cur;
    SHOW("gettime", timerfd_gettime(fd, &cur));
    printf("interval %ld ms, value <= 10 ms: %d\n", ms(&cur.it_interval), ms(&cur.it_value) <= 10);
    struct timespec nap = {0, 55 * 1000 * 1000};
    nanosleep(&nap, NULL);
    uint64_t exp = 0;
    SHOW("read expirations", read(fd, &exp, 8));
    printf("expirations >= 5: %d\n", exp >= 5);
    /* Re-armed with a long interval, so a slow host (sanitizers, a tiny code
     * cache) cannot see a second expiry between the reads below. */
    struct itimerspec once = {{5, 0}, {0, 20 * 1000 * 1000}};
    SHOW("rearm 20ms/5s", timerfd_settime(fd, 0, &once, NULL));
    struct pollfd p = {fd, POLLIN, 0};
    SHOW("poll until next", poll(&p, 1, 1000));
    SHOW("read one", read(fd, &exp, 8));
    printf("expirations %llu\n", (unsigned long long)exp);
    SHOW("read again", read(fd, &exp, 8));

    /* Absolute one-shot in the past: expires at once, once. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec abs = {{0, 0}, {now.tv_sec - 1, 0}};
    SHOW("settime abstime past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL));
    SHOW("read abs", read(fd, &exp, 8));
    printf("expirations %llu\n", (unsigned long long)exp);
    struct itimerspec zero = {{0, 0}, {0, 0}};
    SHOW("disarm", timerfd_settime(fd, 0, &zero, &old));
    SHOW("gettime disarmed", timerfd_gettime(fd, &cur));
    printf("value %ld ms\n", ms(&cur.it_value));
    struct itimerspec bad = {{0, 0}, {0, 1000000000}};
    SHOW("settime bad nsec", timerfd_settime(fd, 0, &bad, NULL));
    SHOW("settime bad ptr", timerfd_settime(fd, 0, BADPTR, NULL));
    SHOW("gettime not timerfd", timerfd_gettime(0, &cur));
    SHOW("create bad clock", timerfd_create(12345, 0));
    close(fd);
}

static void show_inotify(int fd, int wd)
{
    char buf[4096] __attribute__((aligned(8)));
    long n = read(fd, buf, sizeof buf);
    if (n < 0) {
        printf("inotify read: %s\n", strerrorname_np(errno));
        return;
    }
    for (char *p = buf; p < buf + n;) {
        struct inotify_event *e = (struct inotify_event *)p;
        printf("event wd ok %d mask %#x cookie %u name \"%s\"\n", e->wd == wd, e->mask, e->cookie,
               e->len ? e->name : "");
        p += sizeof *e + e->len;
    }
}

static void inotify(void)
{
    char dir[64], file[96];
    snprintf(dir, sizeof dir, "/tmp/rvx-inotify-%d", getpid());
    snprintf(file, sizeof file, "%s/hello", dir);
    MUST(mkdir(dir, 0700));
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    int wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE | IN_CLOSE_WRITE);
    printf("watch %d\n", wd > 0);
    show_inotify(fd, wd);
    int f = open(file, O_CREAT | O_WRONLY, 0600);
    close(f);
    show_inotify(fd, wd);
    unlink(file);
    show_inotify(fd, wd);
    SHOW("rm_watch", inotify_rm_watch(fd, wd));
    show_inotify(fd, wd);
    SHOW("rm_watch again", inotify_rm_watch(fd, wd));
    SHOW("add_watch missing", inotify_add_watch(fd, "/nonexistent/x", IN_CREATE));
    SHOW("add_watch bad path", inotify_add_watch(fd, BADPTR, IN_CREATE));
    SHOW("add_watch no mask", inotify_add_watch(fd, dir, 0));
    rmdir(dir);
    close(fd);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    eventfds();
    timerfds();
    inotify();
    return 0;
}
