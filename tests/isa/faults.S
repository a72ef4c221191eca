/* Faulting instructions, one per run: argv[1] selects the case (a
 * letter). Each ends the process with the signal Linux would send;
 * run.sh checks the exit status (128 + signal) and that rvx's message
 * names the faulting pc (the label fault_<letter>), which it takes from
 * the symbol table.
 *   l load from 0 (SIGSEGV)        s store to read-only text (SIGSEGV)
 *   h load beyond the address space (SIGSEGV)
 *   x jump to a non-executable page (SIGSEGV, pc = the target)
 *   e ebreak (SIGTRAP)             c c.ebreak (SIGTRAP)
 *   i all-zero word (SIGILL)       w write to the cycle CSR (SIGILL)
 *   u unknown CSR (SIGILL)         r fadd.s with rm = 5 (SIGILL)
 *   m misaligned amoadd.w (SIGBUS)  n misaligned lr.d (SIGBUS) */
#include "isa.h"
    .text
    .globl _start
_start:
    ld t0, 16(sp)                      /* argv[1] */
    beqz t0, isa_pass
    lbu t0, 0(t0)
    li t1, 'l'
    beq t0, t1, case_l
    li t1, 's'
    beq t0, t1, case_s
    li t1, 'h'
    beq t0, t1, case_h
    li t1, 'x'
    beq t0, t1, case_x
    li t1, 'e'
    beq t0, t1, case_e
    li t1, 'c'
    beq t0, t1, case_c
    li t1, 'i'
    beq t0, t1, case_i
    li t1, 'w'
    beq t0, t1, case_w
    li t1, 'u'
    beq t0, t1, case_u
    li t1, 'r'
    beq t0, t1, case_r
    li t1, 'm'
    beq t0, t1, case_m
    li t1, 'n'
    beq t0, t1, case_n
    li s11, 1
    j isa_fail

case_l:
    li a0, 0
    .globl fault_l
fault_l:
    ld a1, 0(a0)
    j survived
case_s:
    lla a0, _start
    .globl fault_s
fault_s:
    sw zero, 0(a0)
    j survived
case_h:
    li a0, -4096
    .globl fault_h
fault_h:
    lw a1, 8(a0)
    j survived
case_x:
    lla a0, fault_x
    jr a0
case_e:
    .globl fault_e
fault_e:
    ebreak
    j survived
case_c:
    .globl fault_c
fault_c:
    c.ebreak
    j survived
case_i:
    .globl fault_i
fault_i:
    .word 0
    j survived
case_w:
    .globl fault_w
fault_w:
    csrw cycle, zero
    j survived
case_u:
    .globl fault_u
fault_u:
    csrr a0, mstatus
    j survived
case_r:
    .globl fault_r
fault_r:
    .word 0x003150d3                   /* fadd.s f1, f2, f3 with rm = 5 */
    j survived
case_m:
    lla a0, data
    addi a0, a0, 2
    .globl fault_m
fault_m:
    amoadd.w a1, a1, (a0)
    j survived
case_n:
    lla a0, data
    addi a0, a0, 4
    .globl fault_n
fault_n:
    lr.d a1, (a0)
    j survived
survived:
    li s11, 2
    j isa_fail
    ISA_RUNTIME

    .data
    .balign 8
data: .dword 0, 0
    .balign 4096
    .globl fault_x
fault_x:
    ret
