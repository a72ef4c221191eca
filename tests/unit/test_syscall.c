/* Syscall layer unit tests, host only: the table agrees with the name
 * list, struct stat conversion puts every field at its riscv64 offset,
 * errno mapping, and handlers run through sys_ecall on a real guest
 * address space: buffers, EFAULT and short transfers at the end of a
 * mapping, ENOSYS for unknown numbers, exit_group, riscv_flush_icache,
 * riscv_hwprobe, and the rt_sigaction/rt_sigprocmask checks.
 * Prints PASS/FAIL lines; exits non-zero on a failure. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/rv_errno.h"
#include "abi/rv_signal.h"
#include "abi/rv_stat.h"
#include "mem/copy.h"
#include "mem/mman.h"
#include "os/convert.h"
#include "os/syscall.h"
#include "vm/vm.h"

int errno_to_guest(int host_errno); /* os/errno.c */

static struct vm vm;
static struct cpu cpu;
static int fails;

#define EXPECT_EQ(a, b)                                                              \
    do {                                                                             \
        i64 a_ = (i64)(a), b_ = (i64)(b);                                            \
        if (a_ != b_) {                                                              \
            fails++;                                                                 \
            printf("FAIL syscall:%d: %s = %lld, expected %lld\n", __LINE__, #a,      \
                   (long long)a_, (long long)b_);                                    \
        }                                                                            \
    } while (0)

static i64 call(u64 nr, const u64 *args)
{
    memcpy(&cpu.x[10], args, 6 * sizeof(u64));
    cpu.x[17] = nr;
    cpu.exit = EXIT_NONE;
    sys_ecall(&cpu);
    return (i64)cpu.x[10];
}
/* Missing arguments are 0 (compound literal). */
#define CALL(nr, ...) call(nr, (const u64[6]){__VA_ARGS__})
#define CALL0(nr) call(nr, (const u64[6]){0})

static void test_table(void)
{
#define SYSCALL(nr, name, fn, nargs, fmt) \
    EXPECT_EQ(sys_name(nr) && !strcmp(sys_name(nr), #name), 1);
#include "abi/rv_syscall.def"
#undef SYSCALL
    EXPECT_EQ(sys_name(999) == NULL, 1);
    EXPECT_EQ(!strcmp(sys_name(258), "riscv_hwprobe"), 1);
}

static void test_convert(void)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x1122; st.st_ino = 0x3344; st.st_mode = 0100644; st.st_nlink = 3;
    st.st_uid = 1000; st.st_gid = 1001; st.st_rdev = 0x55; st.st_size = 123456789;
    st.st_blksize = 4096; st.st_blocks = 77;
    st.st_atim.tv_sec = 1; st.st_atim.tv_nsec = 2; st.st_mtim.tv_sec = 3;
    st.st_mtim.tv_nsec = 4; st.st_ctim.tv_sec = 5; st.st_ctim.tv_nsec = 6;
    struct rv_stat r;
    convert_stat(&r, &st);
    u8 raw[128];
    memcpy(raw, &r, sizeof raw);
    u32 u4; u64 u8v;
    memcpy(&u8v, raw + 0, 8); EXPECT_EQ(u8v, 0x1122);
    memcpy(&u8v, raw + 8, 8); EXPECT_EQ(u8v, 0x3344);
    memcpy(&u4, raw + 16, 4); EXPECT_EQ(u4, 0100644);
    memcpy(&u4, raw + 20, 4); EXPECT_EQ(u4, 3);
    memcpy(&u4, raw + 24, 4); EXPECT_EQ(u4, 1000);
    memcpy(&u4, raw + 28, 4); EXPECT_EQ(u4, 1001);
    memcpy(&u8v, raw + 32, 8); EXPECT_EQ(u8v, 0x55);
    memcpy(&u8v, raw + 48, 8); EXPECT_EQ(u8v, 123456789);
    memcpy(&u4, raw + 56, 4); EXPECT_EQ(u4, 4096);
    memcpy(&u8v, raw + 64, 8); EXPECT_EQ(u8v, 77);
    for (int i = 0; i < 6; i++) {
        memcpy(&u8v, raw + 72 + 8 * i, 8);
        EXPECT_EQ(u8v, i + 1);
    }
    EXPECT_EQ(errno_to_guest(2), RV_ENOENT);
    EXPECT_EQ(errno_to_guest(133), RV_EHWPOISON);
    EXPECT_EQ(errno_to_guest(4000), RV_EINVAL);
}

/* One RW page at buf, nothing mapped after it. */
static guest_addr map_page(void)
{
    i64 a = mem_mmap(&vm, 0, GUEST_PAGE_SIZE, RV_PROT_READ | RV_PROT_WRITE,
                     RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0);
    if (a < 0) {
        printf("FAIL syscall: mem_mmap = %lld\n", (long long)a);
        fails++;
    }
    mem_munmap(&vm, (guest_addr)a + GUEST_PAGE_SIZE, GUEST_PAGE_SIZE);
    return (guest_addr)a;
}

static void test_io(guest_addr buf)
{
    int p[2];
    if (pipe(p))
        return;
    copy_to_guest(&vm, buf, "hello", 5);
    EXPECT_EQ(CALL(64, p[1], buf, 5), 5);                  /* write */
    EXPECT_EQ(CALL(63, p[0], buf + 100, 5), 5);            /* read */
    char got[6] = {0};
    copy_from_guest(&vm, got, buf + 100, 5);
    EXPECT_EQ(strcmp(got, "hello"), 0);
    EXPECT_EQ(CALL(64, p[1], 16, 5), -RV_EFAULT);          /* unmapped page 0 */
    EXPECT_EQ(CALL(63, p[0], 1ull << 50, 5), -RV_EFAULT);  /* outside the space */
    /* A write running off the end of the mapping is cut short. */
    EXPECT_EQ(CALL(64, p[1], buf + GUEST_PAGE_SIZE - 3, 100), 3);
    EXPECT_EQ(CALL(63, p[0], buf, 100), 3);
    EXPECT_EQ(CALL(80, p[0], buf), 0);                     /* fstat */
    u32 mode;
    copy_from_guest(&vm, &mode, buf + 16, 4);
    EXPECT_EQ(S_ISFIFO(mode), 1);
    EXPECT_EQ(CALL(80, p[0], buf + GUEST_PAGE_SIZE - 64), -RV_EFAULT);
    EXPECT_EQ(CALL(80, 9999, buf), -RV_EBADF);
    copy_to_guest(&vm, buf, "/", 2);
    EXPECT_EQ(CALL(79, -100, buf, buf + 64, 0), 0);        /* newfstatat */
    copy_from_guest(&vm, &mode, buf + 64 + 16, 4);
    EXPECT_EQ(S_ISDIR(mode), 1);
    EXPECT_EQ(CALL(160, buf), 0);                          /* uname */
    copy_from_guest(&vm, got, buf + 4 * 65, 6);
    EXPECT_EQ(memcmp(got, "riscv6", 6), 0);
    close(p[0]);
    close(p[1]);
}

static void test_process(guest_addr buf)
{
    EXPECT_EQ(CALL0(999), -RV_ENOSYS);
    EXPECT_EQ(cpu.exit, EXIT_NONE);
    EXPECT_EQ(CALL0(293), -RV_ENOSYS);                     /* rseq */
    EXPECT_EQ(CALL(259, 0, 0, 2), -RV_EINVAL);
    EXPECT_EQ(cpu.exit, EXIT_NONE);
    EXPECT_EQ(CALL(259, 0, 0, 1), 0);
    EXPECT_EQ(cpu.exit, EXIT_FLUSH);
    i64 pairs[6] = {4, 0, 12345, 7, 3, 0};
    copy_to_guest(&vm, buf, pairs, sizeof pairs);
    EXPECT_EQ(CALL(258, buf, 3, 0, 0, 0), 0);
    copy_from_guest(&vm, pairs, buf, sizeof pairs);
    EXPECT_EQ(pairs[0], 4);
    EXPECT_EQ(pairs[1], 3);
    EXPECT_EQ(pairs[2], -1);
    EXPECT_EQ(pairs[3], 0);
    EXPECT_EQ(pairs[5], 1);
    EXPECT_EQ(CALL(258, buf, 1, 0, 0, 1), -RV_EINVAL);
    EXPECT_EQ(CALL(94, 300), 0);
    EXPECT_EQ(cpu.exit, EXIT_HALT);
    EXPECT_EQ(vm.exit_status, 300 & 0xff);
}

static void test_signals(guest_addr buf)
{
    struct rv_sigaction act = {0x1234, 4, ~0ull}, old;
    copy_to_guest(&vm, buf, &act, sizeof act);
    EXPECT_EQ(CALL(134, RV_SIGUSR1, buf, 0, 4), -RV_EINVAL);
    EXPECT_EQ(CALL(134, 0, buf, 0, 8), -RV_EINVAL);
    EXPECT_EQ(CALL(134, 65, buf, 0, 8), -RV_EINVAL);
    EXPECT_EQ(CALL(134, RV_SIGKILL, buf, 0, 8), -RV_EINVAL);
    EXPECT_EQ(CALL(134, RV_SIGSTOP, 0, buf + 64, 8), 0);
    EXPECT_EQ(CALL(134, RV_SIGUSR1, 16, 0, 8), -RV_EFAULT);
    EXPECT_EQ(CALL(134, 64, buf, 0, 8), 0);
    EXPECT_EQ(CALL(134, 64, 0, buf + 64, 8), 0);
    copy_from_guest(&vm, &old, buf + 64, sizeof old);
    EXPECT_EQ(old.handler, 0x1234);
    EXPECT_EQ(old.mask, ~0ull & ~(RV_SIGBIT(RV_SIGKILL) | RV_SIGBIT(RV_SIGSTOP)));
    u64 set = ~0ull, cur;
    copy_to_guest(&vm, buf, &set, 8);
    EXPECT_EQ(CALL(135, 9, buf, 0, 8), -RV_EINVAL);
    EXPECT_EQ(CALL(135, 9, 0, buf + 8, 8), 0);
    EXPECT_EQ(CALL(135, RV_SIG_SETMASK, buf, 0, 16), -RV_EINVAL);
    EXPECT_EQ(CALL(135, RV_SIG_SETMASK, buf, buf + 8, 8), 0);
    EXPECT_EQ(cpu.sigmask, ~0ull & ~(RV_SIGBIT(RV_SIGKILL) | RV_SIGBIT(RV_SIGSTOP)));
    set = RV_SIGBIT(RV_SIGINT);
    copy_to_guest(&vm, buf, &set, 8);
    EXPECT_EQ(CALL(135, RV_SIG_UNBLOCK, buf, buf + 8, 8), 0);
    copy_from_guest(&vm, &cur, buf + 8, 8);
    EXPECT_EQ(cur, cpu.sigmask | RV_SIGBIT(RV_SIGINT));
    EXPECT_EQ(cpu.sigmask & RV_SIGBIT(RV_SIGINT), 0);
}

int main(void)
{
    cpu.vm = &vm;
    vm.cpu = &cpu;
    int err = mem_init(&vm.mem, 1ull << 32);
    if (err) {
        printf("FAIL syscall: mem_init %d\n", err);
        return 1;
    }
    guest_addr buf = map_page();
    test_table();
    test_convert();
    test_io(buf);
    test_signals(buf);
    test_process(buf);
    if (!fails)
        printf("PASS syscall\n");
    return fails != 0;
}
