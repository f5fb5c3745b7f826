# cat: files in order, standard input as - or by default, -n, -u, errors.
printf 'one\ntwo\n' > a
printf 'three' > b
: > empty
check 'writes files in order' 'cat a b' 'one
two
three'
check 'no operand reads standard input' 'printf "in\n" | cat' 'in'
check '- is standard input, between files' 'printf "mid\n" | cat a - b' 'one
two
mid
three'
check 'an empty file adds nothing' 'cat empty a empty' 'one
two'
check 'bytes pass unchanged' 'printf "x\0y" | cat > nul && stat -c %s nul' '3'
check '-n numbers lines across files' 'cat -n a b' '     1	one
     2	two
     3	three'
check '-n numbers a line that continues into the next file once' 'cat -n b a' '     1	threeone
     2	two'
check '-u changes nothing' 'cat -u a' 'one
two'
check 'a large file is copied whole' 'printf 0123456789 > big; i=0; while [ $i -lt 14 ]; do cat big big > t && mv t big; i=$((i+1)); done; cat big > copy; stat -c %s copy' '163840'
check_err 'a missing file is reported' 'cat nope' 'cat: nope: No such file or directory' 1
check 'the other files are still written, status 1' 'cat a nope b 2>/dev/null; printf " %s" $?' 'one
two
three 1'
check_err 'a directory is reported' 'mkdir d && cat d' 'cat: d: Is a directory' 1
check_err 'copying a file onto itself is refused' 'cat a >> a' 'cat: a: input file is output file' 1
check_err 'an unknown option is a usage error' 'cat -z a' "cat: invalid option -- 'z'
Try 'cat --help' for more information." 2
check '--help describes it' 'cat --help | cat -n | while read -r n l; do [ "$n" = 2 ] && printf "%s" "$l"; done; :' \
	'cat - concatenate files to standard output'
