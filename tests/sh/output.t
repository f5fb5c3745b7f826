# echo, printf and test as builtins: the same behaviour as the commands.
check 'echo' 'echo a b  c' 'a b c'
check 'echo -n' 'echo -n a; echo b' 'ab'
check 'echo without arguments' 'echo; echo x' '
x'
check 'echo -e escapes' 'echo -e "a\tb\\\\c"' 'a	b\c'
check 'echo without -e keeps backslashes' 'echo "a\tb"' 'a\tb'
check 'echo -- is an argument' 'echo -- a' '-- a'
check 'echo -x is an argument' 'echo -x' '-x'
check 'echo \c stops' 'echo -e "ab\cde"; echo' 'ab'
check 'printf' 'printf "%s-%d|" a 1 b 2' 'a-1|b-2|'
check 'printf reuses the format' 'printf "%s\n" a b c' 'a
b
c'
check 'printf widths' 'printf "[%5s][%-5s][%05d][%.2f][%x][%o][%c]\n" ab cd 42 3.14159 255 8 xyz' '[   ab][cd   ][00042][3.14][ff][10][x]'
check 'printf star width' 'printf "[%*d]\n" 4 7' '[   7]'
check 'printf %b' 'printf "%b|" "a\tb" "c\0101"' 'a	b|cA|'
check 'printf missing arguments' 'printf "[%s|%d]\n"' '[|0]'
check 'printf character value' "printf '%d\n' \"'A\"" '65'
check 'printf escapes in the format' 'printf "a\\tb\\101\\n"' 'a	bA'
check 'printf %%' 'printf "100%%\n"' '100%'
check 'printf bad number' 'printf "%d\n" abc; echo $?' '0
1' 0 "printf: 'abc': expected a numeric value"
check 'printf hex input' 'printf "%d\n" 0x10' '16'
check 'test strings' 'test a = a && test a != b && test -n a && test -z "" && echo ok' 'ok'
check 'test numbers' '[ 10 -gt 9 ] && [ -1 -lt 0 ] && [ 3 -eq 03 ] && echo ok' 'ok'
check 'test files' 'touch f; mkdir -p d; [ -f f ] && [ -d d ] && [ -e f ] && [ ! -e nope ] && echo ok' 'ok'
check 'test combinations' '[ a = a -a b = b ] && [ a = b -o b = b ] && [ ! a = b ] && echo ok' 'ok'
check 'test parentheses' '[ \( a = a \) ] && echo ok' 'ok'
check 'test one argument' '[ x ] && ! [ "" ] && echo ok' 'ok'
check 'test integer error' 'test a -eq 1; echo $?; [ 1 -lt x ]' '2' 2 'test: a: integer expression expected
[: x: integer expression expected'
check '[ needs ]' '[ a = a; echo $?' '2' 0 '[: missing '"']'"
check 'test with no arguments' 'test; echo $?' '1'
check 'test -t' 'test -t 7; echo $?' '1'
check 'test string ordering' '[ a \< b ] && [ b \> a ] && echo ok' 'ok'
check 'test -nt' 'touch -d @1000 old; touch -d @2000 new; [ new -nt old ] && [ old -ot new ] && [ new -nt missing ] && echo ok' 'ok'
check 'pwd builtin' 'cd /; pwd' '/'
check 'kill -l' 'kill -l 9; kill -l 143' 'KILL
TERM'
