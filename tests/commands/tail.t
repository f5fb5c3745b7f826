# tail: last lines and bytes, +N, -N, pipes, headers, -f, errors.
seq 20 > twenty
printf 'a\nb\nc' > short
check 'ten lines by default' 'tail twenty | tr "\n" " "' '11 12 13 14 15 16 17 18 19 20 '
check '-n takes that many lines' 'tail -n 3 twenty' '18
19
20'
check '-N is -n N' 'tail -2 twenty' '19
20'
check '-n +N starts at line N' 'tail -n +18 twenty' '18
19
20'
check '-n +1 is everything' 'tail -n +1 short' 'a
b
c'
check '-n 0 prints nothing' 'tail -n 0 twenty' ''
check 'a last line without newline is a line' 'tail -n 1 short' 'c'
check 'more lines than there are' 'tail -n 50 short' 'a
b
c'
check '-c takes the last bytes' 'tail -c 3 twenty' '20'
check '-c +N starts at byte N' 'tail -c +3 short' 'b
c'
check 'from a pipe' 'seq 100 | tail -n 2' '99
100'
check 'from a long pipe' 'seq 200000 | tail -n 1' '200000'
check '+N from a pipe' 'seq 5 | tail -n +4' '4
5'
check 'the end of a large file' 'seq 300000 > big; tail -n 2 big' '299999
300000'
check 'headers with several files' 'tail -n 1 twenty short' '==> twenty <==
20

==> short <==
c'
check '-q leaves headers out' 'tail -q -n 1 twenty short' '20
c'
check '-f prints what is appended' \
	'printf "one\n" > log; tail -f -s 0.1 log > out & p=$!; sleep 0.5; printf "two\n" >> log; sleep 1; kill $p; wait $p; cat out' \
	'one
two'
check '-f starts over when the file shrinks' \
	'printf "a\nb\n" > t2; tail -f -s 0.1 t2 > out2 2> err2 & p=$!; sleep 0.5; printf "c\n" > t2; sleep 1; kill $p; wait $p; cat out2 err2' \
	'a
b
c
tail: t2: file truncated'
check '-f on a pipe just ends' 'printf "x\n" | tail -f' 'x'
check_err 'a missing file is reported' 'tail nope' 'tail: nope: No such file or directory' 1
check_err 'an invalid count' 'tail -n 1x twenty' "tail: invalid number of lines: '1x'
Try 'tail --help' for more information." 2
check '--help describes it' 'tail --help | head -n 2' 'NAME
    tail - output the last part of files'
