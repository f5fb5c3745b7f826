# head: -n, -c, -N, headers for several files, standard input, errors.
seq 20 > twenty
printf 'a\nb\nc' > short
check 'ten lines by default' 'head twenty | tr "\n" " "' '1 2 3 4 5 6 7 8 9 10 '
check '-n takes that many lines' 'head -n 3 twenty' '1
2
3'
check '-N is -n N' 'head -2 twenty' '1
2'
check '-n 0 prints nothing' 'head -n 0 twenty' ''
check 'more lines than there are' 'head -n 50 short' 'a
b
c'
check 'a last line without newline stays so' 'head -n 5 short | wc -c' '5'
check '-c takes bytes' 'head -c 4 twenty' '1
2'
check 'standard input' 'seq 5 | head -n 2' '1
2'
check 'headers with several files' 'head -n 1 twenty short' '==> twenty <==
1

==> short <==
a'
check '-q leaves headers out' 'head -q -n 1 twenty short' '1
a'
check '-v adds one for a single file' 'head -v -n 1 short' '==> short <==
a'
check 'the offset of a file is left after the lines read' \
	'{ head -n 2 >/dev/null; head -n 1; } < twenty' '3'
check 'a long pipe is cut short' 'seq 100000 | head -n 1' '1'
check_err 'a missing file is reported' 'head nope' 'head: nope: No such file or directory' 1
check 'the others still print' 'head -n 1 short nope twenty 2>/dev/null; echo $?' '==> short <==
a

==> twenty <==
1
1'
check_err 'an invalid count' 'head -n x twenty' "head: invalid number of lines: 'x'
Try 'head --help' for more information." 2
check_err 'a negative count' 'head -c -1 twenty' "head: invalid number of bytes: '-1'
Try 'head --help' for more information." 2
check '--help describes it' 'head --help | head -n 2' 'NAME
    head - output the first part of files'
