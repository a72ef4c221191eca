/* Common part of the self-checking ISA tests (included by each .S).
 *
 * A test program is a list of CHK reg, value lines: each compares a
 * register with a constant worked out from the RISC-V spec and, on a
 * mismatch, prints "FAIL <n>" and exits with status n (the check's
 * number, counted from 1 in the file; exit status is n mod 256). After
 * the last check PASS prints "ok" and exits 0.
 * Register conventions: t6 (x31) belongs to CHK; s11 holds the check
 * number while failing. Linux syscalls: write = 64, exit = 93. */
#define SYS_write 64
#define SYS_exit 93

    .set chk_n, 0

/* Fails with the next check number unless reg == val. */
.macro CHK reg, val
    .set chk_n, chk_n + 1
    li t6, \val
    beq \reg, t6, .Lok\@
    li s11, chk_n
    j isa_fail
.Lok\@:
.endm

/* Check pair: two registers equal. */
.macro CHKR reg1, reg2
    .set chk_n, chk_n + 1
    beq \reg1, \reg2, .Lok\@
    li s11, chk_n
    j isa_fail
.Lok\@:
.endm

/* R-type with two constant sources: rd = op(a, b). */
.macro TRR op, a, b, expect
    li t0, \a
    li t1, \b
    \op t2, t0, t1
    CHK t2, \expect
.endm

/* I-type (or shift) with a constant source: rd = op(a, imm). */
.macro TRI op, a, imm, expect
    li t0, \a
    \op t2, t0, \imm
    CHK t2, \expect
.endm

/* Branch: expect 1 if taken, 0 if not. */
.macro TBR op, a, b, taken
    li t0, \a
    li t1, \b
    li t2, 1
    \op t0, t1, .Lt\@
    li t2, 0
.Lt\@:
    CHK t2, \taken
.endm

.macro PASS
    j isa_pass
.endm

/* The exit paths and a decimal printer, placed once per program. */
.macro ISA_RUNTIME
isa_pass:
    li a0, 1
    lla a1, isa_ok_msg
    li a2, 3
    li a7, SYS_write
    ecall
    li a0, 0
    li a7, SYS_exit
    ecall
isa_fail:
    /* "FAIL " then the number in decimal, built backwards on the stack */
    li a0, 2
    lla a1, isa_fail_msg
    li a2, 5
    li a7, SYS_write
    ecall
    addi sp, sp, -32
    addi a1, sp, 31
    li t0, 10
    sb t0, 0(a1)
    mv t1, s11
1:  remu t2, t1, t0
    addi t2, t2, '0'
    addi a1, a1, -1
    sb t2, 0(a1)
    divu t1, t1, t0
    bnez t1, 1b
    addi a2, sp, 32
    sub a2, a2, a1
    li a0, 2
    li a7, SYS_write
    ecall
    mv a0, s11
    li a7, SYS_exit
    ecall
    .section .rodata
isa_ok_msg: .ascii "ok\n"
isa_fail_msg: .ascii "FAIL "
    .text
.endm
