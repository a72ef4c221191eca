# Bash features; bash.expected is what the host's bash 5.2 prints.
f() { local x=$1; echo "f: $((x * 2))"; }
f 21
fib() { (( $1 < 2 )) && { echo "$1"; return; }; echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) )); }
echo "fib: $(fib 10)"
a=(zero one two three)
a+=(four)
echo "array: ${#a[@]} ${a[2]} ${a[*]:1:2} ${!a[*]}"
declare -A h=([k1]=v1 [k2]=v2 [k3]=v3)
for k in "${!h[@]}"; do echo "$k=${h[$k]}"; done | sort
echo "arith: $(( (7 ** 3) % 10 + 0x10 )) $(( -17 / 5 )) $(( -17 % 5 )) $(( 1 << 40 ))"
(cd / && echo "subshell pwd: $PWD")
[ "$PWD" != / ] && echo "parent pwd unchanged"
x=$(echo hello | tr a-z A-Z)
echo "command substitution: $x"
cat <<EOT
here-doc: $x $((1 + 1))
EOT
cat <<'EOT'
quoted here-doc: $x
EOT
trap 'echo "trapped USR1"' USR1
kill -USR1 $$
trap 'echo "exit trap"' EXIT
sleep 0.2 & p1=$!
(echo bg-output > bgout) & p2=$!
wait $p1 $p2
echo "waited: $(cat bgout)"
( exit 7 ) & wait $!; echo "bg status: $?"
s=; for i in {1..5}; do s+=$i; done; echo "brace: $s"
str="Hello World"
echo "strings: ${str,,} ${str^^} ${str/World/There} ${#str} ${str:6}"
i=0; while (( i < 2000 )); do (( i++ )); done; echo "loop: $i"
printf '%05.2f|%-4s|%x\n' 3.14159 ab 255
set -o pipefail; false | true; echo "pipefail: $?"; set +o pipefail
seq 1 5 | while read -r n; do echo -n "$n."; done; echo
case "file.tar.gz" in *.tar.gz) echo "case: tarball";; *) echo "case: other";; esac
[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "regex: ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
mapfile -t lines < <(printf 'l1\nl2\nl3\n'); echo "mapfile: ${#lines[@]} ${lines[2]}"
exec 3> fd3.txt; echo "to fd3" >&3; exec 3>&-; echo "fd3: $(cat fd3.txt)"
read -r w1 w2 <<< "alpha beta"; echo "herestring: $w2 $w1"
