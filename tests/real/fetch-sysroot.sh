#!/bin/sh
# Builds the riscv64 Debian trixie root that tests/real/run.sh runs real
# programs in: the .debs listed in tests/real/packages.pin (name,
# version, SHA256), downloaded from the archive named in the host's APT
# sources, verified, and extracted with dpkg-deb -x into
# $RVX_REAL_CACHE/root (default build/real-root/root). Cached: a verified
# .deb is not downloaded again, and the root is rebuilt only when the pin
# list changes. RVX_REAL_ARCHIVE names another archive (a mirror).
#   tests/real/fetch-sysroot.sh          fetch and extract (prints the root)
#   tests/real/fetch-sysroot.sh --pin    regenerate packages.pin from the
#                                        archive's current Packages index
cd "$(dirname "$0")/../.." || exit 2
CACHE="${RVX_REAL_CACHE:-build/real-root}"
PIN=tests/real/packages.pin
command -v python3 >/dev/null || { echo "fetch-sysroot: python3 is needed" >&2; exit 2; }
command -v dpkg-deb >/dev/null || { echo "fetch-sysroot: dpkg-deb is needed" >&2; exit 2; }
if [ "$1" = "--pin" ]; then
    exec python3 tests/real/fetch_sysroot.py pin "$PIN"
fi
exec python3 tests/real/fetch_sysroot.py fetch "$CACHE" "$PIN"
