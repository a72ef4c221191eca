#!/bin/sh
# Installs the Debian packages the tests need, when they are missing and
# we run as root. Without root, reports what is missing.
need=""
command -v riscv64-linux-gnu-gcc >/dev/null || need="$need gcc-riscv64-linux-gnu"
command -v riscv64-linux-gnu-g++ >/dev/null || need="$need g++-riscv64-linux-gnu"
[ -f /usr/riscv64-linux-gnu/lib/libc.a ] || need="$need libc6-dev-riscv64-cross"
command -v riscv64-linux-gnu-objdump >/dev/null || need="$need binutils-riscv64-linux-gnu"
command -v qemu-riscv64 >/dev/null || need="$need qemu-user"
command -v gdb-multiarch >/dev/null || need="$need gdb-multiarch"
command -v strace >/dev/null || need="$need strace"
command -v clang >/dev/null || need="$need clang"  # tests/fuzz (libFuzzer)
[ -z "$need" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
    echo "tests/deps.sh: installing$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null && apt-get install -y -q $need >/dev/null && exit 0
    echo "tests/deps.sh: apt-get install failed" >&2
    exit 1
fi
echo "tests/deps.sh: missing packages:$need (run as root to install)" >&2
exit 1
