#!/bin/sh
# Registers rvx with the kernel's binfmt_misc so riscv64 ELF programs
# run directly (./prog, chroots, containers), the way qemu-user-binfmt
# does for qemu-riscv64.
#   scripts/binfmt.sh register [RVX]   RVX: path of rvx (default: the
#                                      rvx on PATH, else ./rvx-static,
#                                      else ./rvx); made absolute
#   scripts/binfmt.sh unregister
#   scripts/binfmt.sh status
# The line itself comes from `rvx --binfmt=PATH`; flag F makes the
# kernel open rvx once at registration, so a static rvx (make static)
# also serves chroots and containers where PATH does not exist.
# Needs root and binfmt_misc mounted (this script mounts it if not).
set -e
DIR=/proc/sys/fs/binfmt_misc
NAME=rvx-riscv64

mounted() {
    [ -e "$DIR/register" ] || mount -t binfmt_misc binfmt_misc "$DIR"
}

find_rvx() {
    if [ -n "$1" ]; then
        echo "$1"
    elif command -v rvx >/dev/null 2>&1; then
        command -v rvx
    elif [ -x ./rvx-static ]; then
        echo ./rvx-static
    else
        echo ./rvx
    fi
}

case "$1" in
register)
    rvx=$(find_rvx "$2")
    [ -x "$rvx" ] || { echo "binfmt.sh: $rvx: not an executable" >&2; exit 1; }
    rvx=$(readlink -f "$rvx")
    mounted
    [ -e "$DIR/$NAME" ] && echo -1 >"$DIR/$NAME"
    "$rvx" --binfmt="$rvx" >"$DIR/register"
    echo "registered $NAME -> $rvx"
    ;;
unregister)
    mounted
    if [ -e "$DIR/$NAME" ]; then
        echo -1 >"$DIR/$NAME"
        echo "unregistered $NAME"
    else
        echo "$NAME is not registered"
    fi
    ;;
status)
    if [ -e "$DIR/$NAME" ]; then
        cat "$DIR/$NAME"
    else
        echo "$NAME is not registered"
        exit 1
    fi
    ;;
*)
    echo "usage: $0 register [RVX] | unregister | status" >&2
    exit 2
    ;;
esac
