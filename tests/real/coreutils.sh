# GNU coreutils, driven by bash; coreutils.expected is what the host's
# coreutils print (uname -m, which must say riscv64, aside).
mkdir sandbox && cd sandbox || exit 1
mkdir -p a/b/c && echo x > a/b/c/f && echo y > a/g
cp -r a a2 && ls -R a2
mv a2 a3 && ls && rm -r a3 && ls
seq 5 | sort -r | tr '\n' ' '; echo
printf 'a:b:c\n1:2:3\n' | cut -d: -f2,3
printf '3,c\n1,a\n10,j\n2,b\n' | sort -t, -k1n | tr '\n' ' '; echo
factor 360 1001 4294967297 600851475143
echo hello | sha256sum
cat a/b/c/f a/g
stat -c '%s %F %n' a/b/c/f; stat -c '%F %n' a/b
dd if=/dev/zero bs=1k count=64 status=none | sha256sum
dd if=/dev/zero of=zeros bs=4096 count=3 status=none && stat -c %s zeros
date -u -d '2024-02-29 12:00' '+%j %A %s'
date -u -d @0 '+%Y-%m-%dT%H:%M:%S'
printf '%s=%d %5.1f%%\n' pi 3 99.5
env -i FOO=bar BAZ=qux env | sort
uname -m
echo "id ok: $([ "$(id -u)" = "$HOST_UID" ] && echo yes)"
head -c 1000 /dev/zero | wc -c
echo "abc" | tr 'a-c' 'A-C'
yes | head -3 | paste -sd,
basename /x/y/z.c .c; dirname /x/y/z.c
expr 2 + 3 \* 4
seq 1 100 | tail -3 | tac | nl -ba | tr -s ' \t' ' '
printf 'b\na\nb\nc\n' | sort | uniq -c | tr -s ' '
ln -s a/g link && readlink link && cat link
touch -d '2020-01-02 03:04:05 UTC' stamped && stat -c %Y stamped
test -d a && echo "test -d ok"
du -s --apparent-size -B1 zeros | cut -f1
od -An -c <<< "hi" | tr -s ' '
base64 <<< "rvx real software" && base64 -d <<< "cnZ4IHJlYWwgc29mdHdhcmUK"
