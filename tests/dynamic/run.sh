#!/bin/sh
# Dynamic programs (PT_INTERP, ld.so and libraries from the sysroot).
# Builds tests/dynamic/*.c with riscv64-linux-gnu-gcc (no -static) and
# *.cc with riscv64-linux-gnu-g++ when it is installed (else SKIP), into
# $BUILD/dynamic/, next to libplugin.so (plugin.c). Each program runs
# under $RVX with the default sysroot; its stdout plus a final exit=N
# line must equal tests/dynamic/<name>.expected, and, unless its .cmd
# says qemu=no (output that depends on the vDSO, which QEMU 7.2 lacks,
# on rvx's path rules, or on exec), what qemu-riscv64 -L $SYSROOT
# prints. Then the other ways to name the sysroot (-L, RVX_LD_PREFIX),
# ld.so run as the program, and a sysroot reached through absolute and
# relative symlinks (sysroot/links.c, run with -L fakeroot).
# <name>.cmd lines: args=..., cflags=..., ldflags=..., qemu=no.
# Environment: RVX (default ./rvx), BUILD (default build/rel).
RVX="${RVX:-./rvx}"
BUILD="${BUILD:-build/rel}"
SRC=tests/dynamic
OUT="$BUILD/dynamic"
CC=riscv64-linux-gnu-gcc
CXX=riscv64-linux-gnu-g++
SYSROOT=/usr/riscv64-linux-gnu
LDSO=/lib/ld-linux-riscv64-lp64d.so.1
GUEST_ENV="PATH=/usr/bin:/bin HOME=/ LC_ALL=C RVXT_A=alpha"
[ -n "$ASAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV ASAN_OPTIONS=$ASAN_OPTIONS"
[ -n "$UBSAN_OPTIONS" ] && GUEST_ENV="$GUEST_ENV UBSAN_OPTIONS=$UBSAN_OPTIONS"

cmd_field() {
    [ -f "$SRC/$1.cmd" ] && sed -n "s/^$2=//p" "$SRC/$1.cmd"
}

# build NAME SOURCE COMPILER
build() {
    name=$1 src=$2 cc=$3 bin="$OUT/$1"
    [ -x "$bin" ] && [ "$bin" -nt "$src" ] && [ "$bin" -nt "$OUT/libplugin.so" ] && return 0
    cflags=$(cmd_field "$name" cflags) ldflags=$(cmd_field "$name" ldflags)
    (cd "$OUT" && $cc -O2 -Wall $cflags -o "$name" "$OLDPWD/$src" $ldflags -lm) \
        >"$OUT/$name.build.log" 2>&1
}

# run_one OUTFILE NAME RUNNER...: runs RUNNER... ./NAME ARGS in $OUT;
# writes its stdout plus a final exit=N line to OUTFILE.
run_one() {
    out=$1 name=$2
    shift 2
    args=$(cmd_field "$name" args)
    (
        ulimit -c 0
        cd "$OUT" || exit 99
        eval "set -- \"\$@\" ./$name $args"
        env -i $GUEST_ENV timeout 60 "$@"
        rc=$? # not exec'd: a signal death is reported here, into .stderr
        exit $rc
    ) >"$out" 2>"$out.stderr" </dev/null
    echo "exit=$?" >>"$out"
}

if ! command -v $CC >/dev/null 2>&1; then
    echo "FAIL dynamic: $CC not installed"
    exit 0
fi
if [ ! -f "$SYSROOT$LDSO" ]; then
    echo "FAIL dynamic: no riscv64 sysroot at $SYSROOT (libc6-riscv64-cross)"
    exit 0
fi
case $RVX in /*) rvx=$RVX ;; *) rvx="$PWD/$RVX" ;; esac
if [ ! -x "$rvx" ]; then
    echo "FAIL dynamic: $RVX not built"
    exit 0
fi
mkdir -p "$OUT"
if [ ! "$OUT/libplugin.so" -nt "$SRC/plugin.c" ] &&
    ! $CC -O2 -shared -fPIC -o "$OUT/libplugin.so" "$SRC/plugin.c" >"$OUT/plugin.build.log" 2>&1; then
    echo "FAIL dynamic: libplugin.so does not build (see $OUT/plugin.build.log)"
    exit 0
fi
built=""
have_qemu=no
command -v qemu-riscv64 >/dev/null 2>&1 && have_qemu=yes

check() {
    name=$1
    run_one "$OUT/$name.out" "$name" "$rvx"
    if [ ! -f "$SRC/$name.expected" ]; then
        echo "FAIL $name: no $SRC/$name.expected"
    elif cmp -s "$OUT/$name.out" "$SRC/$name.expected"; then
        echo "PASS $name"
    else
        echo "FAIL $name: output differs: diff $SRC/$name.expected $OUT/$name.out"
    fi
    [ "$(cmd_field "$name" qemu)" = no ] && return
    if [ $have_qemu = no ]; then
        echo "FAIL ${name}_qemu: qemu-riscv64 not installed"
        return
    fi
    run_one "$OUT/$name.qemu" "$name" qemu-riscv64 -L "$SYSROOT"
    if cmp -s "$OUT/$name.out" "$OUT/$name.qemu"; then
        echo "PASS ${name}_qemu"
    else
        echo "FAIL ${name}_qemu: rvx and qemu differ: diff $OUT/$name.qemu $OUT/$name.out"
    fi
}

for src in "$SRC"/*.c "$SRC"/*.cc; do
    name=$(basename "$src")
    name=${name%.*}
    [ "$name" = plugin ] && continue
    cc=$CC
    case $src in
    *.cc)
        if ! command -v $CXX >/dev/null 2>&1; then
            echo "SKIP $name: $CXX not installed"
            continue
        fi
        cc=$CXX ;;
    esac
    if ! build "$name" "$src" "$cc"; then
        echo "FAIL $name: does not compile (see $OUT/$name.build.log)"
        continue
    fi
    built="$built $name"
done
# Run after building them all: exec runs hello.
for name in $built; do
    check "$name"
done

# The same program with the sysroot named explicitly, through the
# environment, and with ld.so as the program (it then loads hello itself).
want="$SRC/hello.expected"
run_one "$OUT/hello.L.out" hello "$rvx" -L "$SYSROOT"
cmp -s "$OUT/hello.L.out" "$want" && echo "PASS sysroot_option" ||
    echo "FAIL sysroot_option: diff $want $OUT/hello.L.out"
run_one "$OUT/hello.env.out" hello env RVX_LD_PREFIX="$SYSROOT/" "$rvx"
cmp -s "$OUT/hello.env.out" "$want" && echo "PASS sysroot_env" ||
    echo "FAIL sysroot_env: diff $want $OUT/hello.env.out"
run_one "$OUT/hello.ldso.out" hello "$rvx" "$SYSROOT$LDSO"
cmp -s "$OUT/hello.ldso.out" "$want" && echo "PASS ldso_as_program" ||
    echo "FAIL ldso_as_program: diff $want $OUT/hello.ldso.out"

# A sysroot whose files are reached through symlinks, absolute ones
# included (see sysroot/links.c): rvx follows them inside the sysroot.
links() {
    root="$OUT/fakeroot"
    rm -rf "$root"
    mkdir -p "$root/usr/lib" "$root/opt/libc" "$root/data/dir" || return 1
    ln -s usr/lib "$root/lib"
    cp "$SYSROOT$LDSO" "$root/usr/lib/real-ld.so"
    ln -s /usr/lib/real-ld.so "$root/usr/lib/ld-linux-riscv64-lp64d.so.1"
    cp "$SYSROOT/lib/libc.so.6" "$root/opt/libc/libc.so.6"
    ln -s /opt/libc/libc.so.6 "$root/usr/lib/libc.so.6"
    echo "fakeroot data" >"$root/data/file.txt"
    ln -s /data/file.txt "$root/data/link"
    ln -s /data/file.txt "$root/data/victim"
    ln -s ../file.txt "$root/data/dir/up"
    $CC -O2 -Wall -o "$OUT/links" "$SRC/sysroot/links.c" >"$OUT/links.build.log" 2>&1
}
if [ -e /data/file.txt ]; then
    echo "FAIL sysroot_links: the host has a /data/file.txt, the test needs it absent"
elif ! links; then
    echo "FAIL sysroot_links: cannot build the fake sysroot (see $OUT/links.build.log)"
else
    run_one "$OUT/links.out" links "$rvx" -L "$(cd "$OUT/fakeroot" && pwd)"
    cmp -s "$OUT/links.out" "$SRC/sysroot/links.expected" && echo "PASS sysroot_links" ||
        echo "FAIL sysroot_links: diff $SRC/sysroot/links.expected $OUT/links.out"
fi

# The guest's view of its own path (sysroot/exe.c): a program inside a
# sysroot, started by its host path, through a symlink, exec'd by its
# guest path and as a script's interpreter.
exe_root() {
    root="$OUT/exeroot"
    rm -rf "$root"
    mkdir -p "$root/usr/bin" "$root/usr/lib" || return 1
    ln -s usr/lib "$root/lib"
    cp "$SYSROOT$LDSO" "$SYSROOT/lib/libc.so.6" "$root/usr/lib/" || return 1
    $CC -O2 -Wall -o "$root/usr/bin/exe-prog" "$SRC/sysroot/exe.c" >"$OUT/exe.build.log" 2>&1 ||
        return 1
    ln -s exe-prog "$root/usr/bin/alias"
    printf '#!/usr/bin/exe-prog scripted\n' >"$root/usr/bin/script"
    chmod +x "$root/usr/bin/script"
}
if ! exe_root; then
    echo "FAIL guest_exe_path: cannot build the sysroot (see $OUT/exe.build.log)"
else
    root=$(cd "$OUT/exeroot" && pwd -P)
    (cd "$OUT" && env -i $GUEST_ENV timeout 60 "$rvx" -L "$root" "$root/usr/bin/alias") \
        >"$OUT/exe.out" 2>"$OUT/exe.out.stderr" </dev/null
    echo "exit=$?" >>"$OUT/exe.out"
    cmp -s "$OUT/exe.out" "$SRC/sysroot/exe.expected" && echo "PASS guest_exe_path" ||
        echo "FAIL guest_exe_path: diff $SRC/sysroot/exe.expected $OUT/exe.out"
fi
