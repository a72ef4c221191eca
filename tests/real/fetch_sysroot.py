#!/usr/bin/env python3
"""Builds the riscv64 Debian root the real-software suite runs in.

Two modes (see fetch-sysroot.sh, which calls this):
  fetch_sysroot.py fetch CACHE PINFILE   download the pinned .debs into
      CACHE/debs (kept between runs: a .deb whose SHA256 matches is not
      fetched again), verify them, extract them with dpkg-deb -x into
      CACHE/root, and make the merged-/usr symlinks (bin, sbin, lib).
  fetch_sysroot.py pin PINFILE           read trixie's riscv64 Packages
      index and write PINFILE: the dependency closure of ROOTS, one
      "name version sha256 size pool-path" line per package.
The archive's base URI is read at run time from the host's APT sources
(never written into the repository), as the brief of issue 3 asks.
"""
import hashlib
import lzma
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

SUITE = "trixie"
INDEX = "dists/%s/main/binary-riscv64/Packages.xz" % SUITE

# What the suite runs; the pin mode adds their dependency closure.
ROOTS = """busybox-static bash coreutils python3.13 python3.13-minimal
libpython3.13-stdlib libpython3.13-minimal libpython3.13-testsuite
lua5.4 sqlite3 perl perl-base gzip xz-utils bzip2 zstd""".split()

# Dependencies the guest programs do not need at run time (package
# management, configuration, documentation); left out to keep the
# download small.
SKIP = set("""dpkg debconf debconf-2.0 install-info cdebconf
debianutils base-files sensible-utils init-system-helpers
python3.13-doc""".split())


def base_uris():
    """deb URIs of the host's APT sources (deb822 and one-line forms),
    or $RVX_REAL_ARCHIVE (a mirror) when set."""
    if os.environ.get("RVX_REAL_ARCHIVE"):
        return [os.environ["RVX_REAL_ARCHIVE"].rstrip("/")]
    uris = []
    for path in ("/etc/apt/sources.list.d/debian.sources",):
        try:
            for line in open(path):
                m = re.match(r"\s*URIs:\s*(.*)", line)
                if m:
                    uris += m.group(1).split()
        except OSError:
            pass
    try:
        for line in open("/etc/apt/sources.list"):
            m = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)", line)
            if m:
                uris.append(m.group(1))
    except OSError:
        pass
    # The main archive (not the security one) holds trixie/main.
    main = [u for u in uris if "security" not in u]
    if not main:
        sys.exit("no Debian archive URI in /etc/apt/sources.list.d/"
                 "debian.sources or /etc/apt/sources.list")
    return [u.rstrip("/") for u in main]


def fetch(url, dest=None, tries=3):
    """Bytes at url (or written to dest); retries transient failures."""
    last = None
    for attempt in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=60) as r:
                if dest is None:
                    return r.read()
                tmp = dest + ".part"
                with open(tmp, "wb") as f:
                    shutil.copyfileobj(r, f, 1 << 20)
                os.replace(tmp, dest)
                return None
        except Exception as e:  # network errors of every kind
            last = e
            time.sleep(1 + attempt)
    raise RuntimeError("%s: %s" % (url, last))


def parse_index(data):
    pkgs, provides = {}, {}
    for para in lzma.decompress(data).decode("utf-8", "replace").split("\n\n"):
        fields, key = {}, None
        for line in para.split("\n"):
            if line[:1] in (" ", "\t") and key:
                fields[key] += line
            elif ":" in line:
                key, _, val = line.partition(":")
                fields[key] = val.strip()
        name = fields.get("Package")
        if not name:
            continue
        pkgs[name] = fields
        for p in fields.get("Provides", "").split(","):
            p = p.strip().split(" ")[0]
            if p:
                provides.setdefault(p, []).append(name)
    return pkgs, provides


def deps_of(fields):
    out = []
    for key in ("Pre-Depends", "Depends"):
        for dep in fields.get(key, "").split(","):
            alts = [a.strip().split(" ")[0].split(":")[0]
                    for a in dep.split("|") if a.strip()]
            if alts:
                out.append(alts)
    return out


def closure(pkgs, provides):
    want, todo = {}, list(ROOTS)
    while todo:
        name = todo.pop()
        if name in want or name in SKIP:
            continue
        want[name] = pkgs[name]
        for alts in deps_of(pkgs[name]):
            if any(a in want for a in alts) or any(a in SKIP for a in alts):
                continue
            for a in alts:
                real = a if a in pkgs else (provides.get(a) or [None])[0]
                if real:
                    todo.append(real)
                    break
    return want


def mode_pin(pinfile):
    pkgs, provides = parse_index(fetch(base_uris()[0] + "/" + INDEX))
    want = closure(pkgs, provides)
    total = 0
    with open(pinfile, "w") as f:
        f.write("# Debian %s riscv64 packages of the real-software suite:\n"
                "# name version sha256 size pool-path. Generated by\n"
                "# tests/real/fetch-sysroot.sh --pin; do not edit.\n" % SUITE)
        for name in sorted(want):
            p = want[name]
            total += int(p["Size"])
            f.write("%s %s %s %s %s\n" % (name, p["Version"], p["SHA256"],
                                          p["Size"], p["Filename"]))
    print("%d packages, %.1f MB" % (len(want), total / 1e6))


def read_pins(pinfile):
    pins = []
    for line in open(pinfile):
        if line.strip() and not line.startswith("#"):
            pins.append(line.split())
    return pins


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stale_pins(pins):
    """Names whose pinned version the archive no longer lists."""
    try:
        pkgs, _ = parse_index(fetch(base_uris()[0] + "/" + INDEX))
    except Exception as e:
        return "cannot read the archive index (%s)" % e
    old = [n for n, v, *_ in pins if pkgs.get(n, {}).get("Version") != v]
    return ("pinned versions gone from the archive: %s (refresh the pin "
            "list with tests/real/fetch-sysroot.sh --pin)" % " ".join(old)
            if old else "")


def download(pins, debdir):
    uris = None
    todo = [p for p in pins
            if not (os.path.exists(os.path.join(debdir, os.path.basename(p[4])))
                    and sha256_file(os.path.join(debdir,
                                    os.path.basename(p[4]))) == p[2])]
    total = sum(int(p[3]) for p in todo)
    done = 0
    if todo:
        print("fetching %d packages, %.1f MB" % (len(todo), total / 1e6))
        uris = base_uris()
    for name, ver, sha, size, pool in todo:
        dest = os.path.join(debdir, os.path.basename(pool))
        err = None
        for uri in uris:
            try:
                fetch(uri + "/" + pool, dest)
                err = None
                break
            except RuntimeError as e:
                err = e
        if err:
            why = stale_pins(pins)
            sys.exit("download failed: %s%s" % (err, "; " + why if why else ""))
        if sha256_file(dest) != sha:
            os.unlink(dest)
            sys.exit("%s: SHA256 mismatch with the pin list" % pool)
        done += int(size)
        print("  %-34s %-26s %6.1f MB  [%3d%%]" %
              (name, ver, int(size) / 1e6, 100 * done // max(total, 1)),
              flush=True)


def merge_usr(root):
    """Merged /usr: bin, sbin, lib are symlinks into usr/ (as on trixie)."""
    for d in ("bin", "sbin", "lib"):
        top, usr = os.path.join(root, d), os.path.join(root, "usr", d)
        os.makedirs(usr, exist_ok=True)
        if os.path.isdir(top) and not os.path.islink(top):
            subprocess.check_call(["cp", "-a", top + "/.", usr + "/"])
            shutil.rmtree(top)
        if not os.path.lexists(top):
            os.symlink("usr/" + d, top)


def extract(pins, debdir, root):
    stamp = os.path.join(root, ".rvx-pins")
    key = "".join(" ".join(p) + "\n" for p in pins)
    if os.path.exists(stamp) and open(stamp).read() == key:
        return
    if os.path.exists(root):
        shutil.rmtree(root)
    os.makedirs(root)
    print("extracting %d packages into %s" % (len(pins), root), flush=True)
    for p in pins:
        subprocess.check_call(["dpkg-deb", "-x",
                               os.path.join(debdir, os.path.basename(p[4])),
                               root])
    merge_usr(root)
    # Programs look these up; a minimal user database and tmp.
    etc = os.path.join(root, "etc")
    os.makedirs(etc, exist_ok=True)
    with open(os.path.join(etc, "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\n")
    with open(os.path.join(etc, "group"), "w") as f:
        f.write("root:x:0:\n")
    # Links the maintainer scripts (update-alternatives, dash) would make.
    for link, target in (("sh", "bash"), ("python3", "python3.13"),
                         ("lua", "lua5.4")):
        path = os.path.join(root, "usr", "bin", link)
        if not os.path.lexists(path):
            os.symlink(target, path)
    with open(stamp, "w") as f:
        f.write(key)


def mode_fetch(cache, pinfile):
    pins = read_pins(pinfile)
    debdir = os.path.join(cache, "debs")
    os.makedirs(debdir, exist_ok=True)
    download(pins, debdir)
    extract(pins, debdir, os.path.join(cache, "root"))
    print("sysroot ready: %s" % os.path.join(cache, "root"))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "pin":
        mode_pin(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "fetch":
        mode_fetch(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
