# tee: standard output and files, -a, errors that do not stop the copy.
check 'copies to standard output and a file' 'printf "hi\n" | tee f; cat f' 'hi
hi'
check 'several files' 'printf "x\n" | tee f1 f2 > /dev/null; cat f1 f2' 'x
x'
check 'a file is emptied first' 'printf "old line\n" > g; printf "new\n" | tee g > /dev/null; cat g' 'new'
check '-a appends' 'printf "1\n" > h; printf "2\n" | tee -a h > /dev/null; cat h' '1
2'
check 'no file: a plain copy' 'printf "abc" | tee' 'abc'
check 'binary data passes unchanged' 'printf "a\0b" | tee bin > /dev/null; wc -c < bin' '3'
check '-i ignores interrupts' 'printf "q\n" | tee -i' 'q'
check 'a file that cannot be opened: the rest goes on, status 1' \
	'printf "y\n" | tee nodir/f ok 2>/dev/null; echo $?; cat ok' 'y
1
y'
check_err 'the error is reported' 'printf "y\n" | tee nodir/f' 'tee: nodir/f: No such file or directory' 1
check_err 'an unknown option' 'tee -z' "tee: invalid option -- 'z'
Try 'tee --help' for more information." 2
check '--help describes it' 'tee --help | head -n 2' 'NAME
    tee - copy standard input to files and standard output'
