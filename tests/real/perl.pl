# Perl 5: regexes, hashes, sprintf, sort, closures, pack.
use strict; use warnings;
my %count;
my $text = "the cat sat on the mat with the hat";
$count{$_}++ for split /\s+/, $text;
print "hash: ", join(",", map { "$_=$count{$_}" } sort { $count{$b} <=> $count{$a} || $a cmp $b } keys %count), "\n";
my @m = ($text =~ /\b(\w)at\b/g);
print "regex: @m\n";
(my $s = $text) =~ s/(\w+)/\u$1/g;
print "subst: $s\n";
print "tr: ", ($text =~ tr/a-z//), "\n";
if ("2024-02-29T12:34:56" =~ /^(?<y>\d{4})-(?<m>\d\d)-(?<d>\d\d)T([\d:]+)$/) {
    print "named: $+{y}/$+{m}/$+{d} $4\n";
}
printf "sprintf: %05.2f|%-6s|%x|%o|%e|%3\$s\n", 3.14159, "ab", 255, 8, 12345.678;
my @nums = sort { $a <=> $b } map { ($_ * 7919) % 1000 } 1 .. 100;
print "sort: @nums[0..4] ... $nums[-1]\n";
my @words = sort { length($a) <=> length($b) or $a cmp $b } qw(pear fig banana kiwi apple);
print "sort2: @words\n";
sub make_adder { my $n = shift; return sub { $n + shift } }
my $add5 = make_adder(5);
print "closure: ", $add5->(37), "\n";
my %h = (a => [1, 2, 3], b => { x => 10 });
print "nested: $h{a}[2] $h{b}{x} ", scalar(@{$h{a}}), "\n";
print "pack: ", unpack("H*", pack("NnC", 0xdeadbeef, 513, 7)), "\n";
my $sum = 0; $sum += $_ for 1 .. 100000; print "sum: $sum\n";
print "join: ", join("-", reverse 1 .. 5), " ", lc("ABC"), uc("def"), " ", ucfirst(lc "PERL"), "\n";
local $/ = undef;
open(my $fh, "<", \"line1\nline2\n") or die; my $all = <$fh>;
print "lines: ", scalar(() = $all =~ /\n/g), "\n";
print "int: ", int(7.9), " ", 2**32, " ", 10 % 3, " ", -7 / 2, "\n";
