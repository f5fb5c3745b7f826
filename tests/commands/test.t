# test and [: POSIX's rules by argument count, every primary, ! -a -o ( ),
# integers, files, and errors.
umask 022
st() { "$@"; printf %s $?; }
check 'no argument is false' 'st test' '1'
check 'one argument: not empty is true' 'st test x' '0'
check 'one argument: empty is false' 'st test ""' '1'
check 'one argument: an operator is just a string' 'st test -n; st test !; st test -z; st test "("' '0000'
check '--help is a string to test' 'st test --help' '0'
check 'two arguments: ! negates' 'st test ! x; st test ! ""' '10'
check 'two arguments: -n -z' 'st test -n x; st test -n ""; st test -z ""; st test -z x' '0101'
check_err 'two arguments: not a unary operator' 'test a b' 'test: a: unary operator expected' 2
check 'three arguments: = != ==' 'st test a = a; st test a = b; st test a != b; st test a == a' '0100'
check 'three arguments: the operator decides, even for ! and (' 'st test ! = !; st test "(" = "("; st test = = =' '000'
check 'three arguments: ! negates a two-argument test' 'st test ! -z x; st test ! -n x' '01'
check 'three arguments: ( E )' 'st test "(" x ")"; st test "(" "" ")"' '01'
check 'three arguments: -a and -o' 'st test x -a ""; st test x -o ""; st test "" -o ""' '101'
check_err 'three arguments: not a binary operator' 'test a b c' 'test: b: binary operator expected' 2
check 'four arguments: ! negates a three-argument test' 'st test ! a = a; st test ! a = b' '10'
check 'four arguments: ( two-argument test )' 'st test "(" -n x ")"; st test "(" ! x ")"' '01'
check 'more: -a binds tighter than -o' 'st test x -o x -a ""; st test "" -a x -o x' '00'
check 'more: ! and parentheses' 'st test ! "(" a = a -o a = b ")"; st test "(" a = b ")" -o "(" b = b ")"' '10'
check 'more: ! ! x' 'st test ! ! x = x' '0'
check_err 'more: a missing )' 'test "(" a = a -a b' "test: missing ')'" 2
check_err 'more: a dangling operator' 'test a = a -a' 'test: argument expected' 2
check 'string order < >' 'st test a "<" b; st test b "<" a; st test b ">" a' '010'
check 'integers -eq -ne -lt -le -gt -ge' \
	'st test 1 -eq 1; st test 1 -ne 1; st test 1 -lt 2; st test 2 -le 2; st test 3 -gt 2; st test 2 -ge 3' '010001'
check 'integers: signs, leading zeros and blanks' 'st test -1 -lt 0; st test 007 -eq 7; st test " 5 " -eq 5; st test +3 -eq 3; st test -0 -eq 0' '00000'
check 'integers of any length compare exactly' \
	'st test 123456789012345678901234567890 -gt 123456789012345678901234567889; st test -99999999999999999999 -lt -99999999999999999998' '00'
check_err 'a non-integer is an error' 'test abc -eq 1' 'test: abc: integer expression expected' 2
check_err 'an empty integer is an error' 'test "" -lt 1' 'test: : integer expression expected' 2
check_err 'a trailing letter is an error' 'test 1 -eq 1x' 'test: 1x: integer expression expected' 2

mkdir d
printf data > f
: > empty
ln -s f link
ln -s nowhere dang
mkdir -m 4755 su
mkdir -m 2755 sg
mkdir -m 1777 sticky
cp "$B/true" exe
check '-e -f -d' 'st test -e f; st test -e nope; st test -f f; st test -f d; st test -d d; st test -d f' '010101'
check '-s: size above zero' 'st test -s f; st test -s empty; st test -s nope' '011'
check '-h and -L: symbolic links, dangling too' 'st test -h link; st test -L dang; st test -h f' '001'
check 'other primaries follow links' 'st test -f link; st test -e dang' '01'
check '-r -w -x' 'st test -r f; st test -w f; st test -x exe; st test -x f; st test -r nope' '00011'
check '-u -g -k' 'st test -u su; st test -g sg; st test -k sticky; st test -u d; st test -k d' '00011'
check '-b -c -p -S on ordinary files are false' 'st test -b f; st test -c f; st test -p f; st test -S f' '1111'
check '-O -G: owned by the caller' 'st test -O f; st test -G f' '00'
check '-t: a descriptor that is not a terminal' 'st test -t 0 </dev/null' '1'
check '-nt -ot' 'touch -d 2001-01-01T00:00:00Z old && touch -d 2002-01-01T00:00:00Z f && st test f -nt old; st test old -nt f; st test old -ot f; st test f -nt nope; st test nope -ot f' '01000'
check '-ef: the same file' 'ln f hard && st test f -ef hard; st test f -ef link; st test f -ef empty; st test f -ef nope' '0011'

check '[ needs ] last' 'st "$B/[" a = a ]; st "$B/[" a = b ]; st "$B/[" ]' '011'
check_err '[ without ] is an error' '"$B/[" a = a' "[: missing ']'" 2
check '[ --help shows the help' '"$B/[" --help | while read -r l; do printf "%s" "$l"; break; done' 'NAME'
check '[ --help ] is a string test' 'st "$B/[" --help ]' '0'
