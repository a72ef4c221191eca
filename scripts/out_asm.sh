#!/bin/sh
# Disassembles the host code in an rvx log written with -d out_asm:
#   rvx -d in_asm,out_asm -D rvx.log prog; scripts/out_asm.sh rvx.log
# Each "OUT:" record becomes objdump's disassembly of its bytes at their
# execution addresses; every other log line passes through unchanged,
# so in_asm's guest instructions stay next to the host code made of them.
# Needs objdump (binutils) and perl.
command -v objdump >/dev/null 2>&1 || { echo "out_asm.sh: objdump not found" >&2; exit 1; }
exec perl -e '
use strict;
use File::Temp qw(tempfile);
my ($fh, $tmp) = tempfile(UNLINK => 1);
my ($start, $bytes);
sub flush_record {
    return unless defined $start;
    open(my $o, ">:raw", $tmp) or die "out_asm.sh: $tmp: $!\n";
    print $o $bytes;
    close $o;
    open(my $d, "-|", "objdump", "-D", "-b", "binary", "-m", "i386:x86-64",
         "--adjust-vma=0x$start", $tmp) or die "out_asm.sh: objdump: $!\n";
    while (<$d>) { print if /^\s*[0-9a-f]+:/ }
    close $d;
    undef $start;
}
while (my $line = <>) {
    if ($line =~ /^  ([0-9a-f]+):((?: [0-9a-f]{2})+)$/ && defined $bytes) {
        $start //= $1;
        $bytes .= pack("H*", join("", split(" ", $2)));
        next;
    }
    flush_record();
    undef $bytes;
    print $line;
    $bytes = "" if $line =~ /^OUT: /;
}
flush_record();
' "$@"
