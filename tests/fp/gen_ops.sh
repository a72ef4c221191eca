#!/bin/sh
# Generates, from src/cpu/insn.def, the op table of the random FP test
# (tests/fp/fprand.c): one GEN(...) line per F/D register instruction and
# rounding-mode variant (rne rtz rdn rup rmm dyn when the instruction has
# an rm field), then one ROW(...) line per instruction.
# Usage: gen_ops.sh src/cpu/insn.def > fprand_ops.h
awk -F',' '
/^INSN\(/ {
    name = $1; sub(/^INSN\(/, "", name); gsub(/ /, "", name)
    mn = $2; gsub(/[ "]/, "", mn)
    match_ = $3; gsub(/ /, "", match_)
    fmt = $5; gsub(/ /, "", fmt)
    ext = $6; gsub(/ /, "", ext)
    args = ""
    for (i = 7; i <= NF; i++) args = args $i
    gsub(/[ ")]/, "", args)
    if ((ext != "F" && ext != "D") || (fmt != "R" && fmt != "R4")) next
    rd = substr(args, 1, 1) == "D" ? 3 : 14
    rs1 = substr(args, 2, 1) == "S" ? 0 : 10
    rs2 = index(args, "T") ? 1 : -1
    rs3 = index(args, "R") ? 2 : -1
    hasrm = index(args, "m") ? 1 : 0
    n = split(mn, parts, ".")
    src = parts[n]   # s, d, or an integer suffix
    if (mn == "fmv.x.w") src = "s"
    if (mn == "fmv.x.d") src = "d"
    srccls = src == "s" ? 1 : src == "d" ? 2 : 0
    dstcls = substr(args, 1, 1) == "d" ? 0 : (parts[2] == "s" || mn == "fmv.w.x") ? 1 : 2
    nv = split(hasrm ? "0 1 2 3 4 7" : "-1", rms, " ")
    fns = ""
    for (j = 1; j <= 6; j++) {
        rm = rms[(j - 1) % nv + 1]
        if (j <= nv)
            printf "GEN(%s_%d, %s, %d, %d, %d, %d, %d)\n", name, j - 1, match_, rd, rs1, rs2, rs3, rm
        fns = fns sprintf("%s_%d%s", name, (j - 1) % nv, j < 6 ? ", " : "")
    }
    rows = rows sprintf("ROW(\"%s\", %d, %d, %d, %d, %d, %s)\n", mn, srccls, dstcls,
                        rs2 >= 0, rs3 >= 0, hasrm ? 6 : 1, fns)
}
END { printf "#define ALL_ROWS \\\n"; n = split(rows, r, "\n"); for (i = 1; i < n; i++) printf "    %s \\\n", r[i]; printf "\n" }
' "$1"
