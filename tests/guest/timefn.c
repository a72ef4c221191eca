/* Time functions: sanity only (values vary), each check prints ok/bad. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#define SAY(name, cond) printf("%s %s\n", name, (cond) ? "ok" : "bad")

int main(void)
{
    struct timespec a, b, res;
    SAY("clock_gettime realtime", clock_gettime(CLOCK_REALTIME, &a) == 0 && a.tv_sec > 1600000000);
    SAY("clock_gettime monotonic", clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    struct timespec d = {0, 20 * 1000 * 1000};
    SAY("nanosleep", nanosleep(&d, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double el = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    SAY("slept >= 20ms", el >= 0.02 && el < 5.0);
    SAY("clock_getres", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0);
    SAY("clock_getres NULL", clock_getres(CLOCK_MONOTONIC, NULL) == 0);
    SAY("bad clock", clock_gettime((clockid_t)12345, &a) == -1);
    struct timeval tv;
    SAY("gettimeofday", gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000 && tv.tv_usec < 1000000);
    time_t t = time(NULL);
    SAY("time", t > 1600000000 && t - tv.tv_sec < 5);
    struct tm tm;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tm);
    char s[64];
    strftime(s, sizeof s, "%Y-%m-%d %H:%M:%S", &tm);
    printf("gmtime %s wday %d yday %d\n", s, tm.tm_wday, tm.tm_yday);
    printf("mktime-ish %lld\n", (long long)timegm(&tm));
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 5000000;
    if (abs.tv_nsec >= 1000000000) { abs.tv_sec++; abs.tv_nsec -= 1000000000; }
    SAY("clock_nanosleep abs", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL) == 0);
    volatile double x = 0;
    for (int i = 0; i < 2000000; i++)
        x += i * 0.5;
    clock_t c = clock();
    SAY("clock", c >= 0);
    struct tms tms;
    SAY("times", times(&tms) != (clock_t)-1);
    struct rusage ru;
    SAY("getrusage", getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0);
    return 0;
}
