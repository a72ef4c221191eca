# Busybox applets, run as "busybox sh busybox.sh" in an empty directory.
# B names the applet runner; run with B= (empty) under a host shell, the
# same script gives the host tools' output, which is how busybox.expected
# was made.
B=${B-busybox}
$B seq 1 2000 > nums
echo "wc: $($B wc -l < nums) $($B wc -c < nums)"
$B seq 1 50 | $B awk '{ s += $1 } END { print "awk sum", s, s / 7 }'
printf 'pear\napple\nfig\napple\nbanana\nfig\napple\n' > fruit
$B sort fruit | $B uniq -c | $B sort -rn | $B head -2 | $B sed 's/^ *//'
echo "grep -c: $($B grep -c an fruit)"
$B sed -n '2,3p' fruit | $B tr a-z A-Z
$B sed -e 's/\(a\)\(p*\)/<\2\1>/g' fruit | $B sort -u | $B tr '\n' ' '; echo
$B mkdir -p d/sub x
echo one > d/a.txt; echo two > d/sub/b.txt; echo three > d/sub/c.log
$B find d -name '*.txt' | $B sort
$B find d -type d | $B sort | $B tr '\n' ' '; echo
$B tar cf d.tar d && $B tar xf d.tar -C x && $B cat x/d/sub/b.txt
$B ls x/d x/d/sub
$B tar tf d.tar | $B sort | $B tr '\n' ' '; echo
$B gzip -c nums > nums.gz
$B gunzip -c nums.gz | $B md5sum
$B gzip -dc nums.gz | $B cmp - nums && echo "gzip round trip ok"
$B sha256sum nums
$B date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %a %j'
$B seq -s , 0 3 20
$B sh -c 'x=3; echo "sh: $((x * 14))" | '"$B"' cat'
$B echo "a b  c" | $B awk '{ printf "%s|%s|%d\n", $3, $1, NF }'
$B printf '%5.2f %x %s\n' 3.14159 255 str
$B expr 6 \* 7
$B basename /a/b/c.txt .txt
$B head -c 100 nums | $B od -An -tx1 | $B head -2
