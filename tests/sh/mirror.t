# The builtins that are also commands must behave exactly like them: each
# case runs the builtin and $B/NAME with the same arguments and compares
# their output, messages and status.
mirror() {
	t_m_what="$*"
	t_m_builtin=$(cd "$T_DIR" && "$SH" -c '"$@" 2>&1; echo "status $?"' sh "$@")
	t_m_command=$(cd "$T_DIR" && "$SH" -c 'n=$1; shift; "$B/$n" "$@" 2>&1; echo "status $?"' sh "$@")
	if [ "$t_m_builtin" = "$t_m_command" ]; then
		t_pass "as $B/$t_m_what"
	else
		t_fail "as $B/$t_m_what" "$t_m_what" "$t_m_command" 0 "$t_m_builtin" 0 '' ''
	fi
}
mirror echo a b
mirror echo -n a
mirror echo -e 'a\tb\nc\0101\x41\e\q'
mirror echo -e 'stop\cnever' more
mirror echo -neE 'x\ty'
mirror echo -- -n
mirror echo -x -n
mirror echo
mirror printf '%s|%d|%5.2f|%-4s|%x|%o|%c|%e\n' a 42 3.14159 b 255 8 xyz 12345.678
mirror printf '%d\n' abc
mirror printf '%d\n' 12abc
mirror printf '%d\n' 99999999999999999999999
mirror printf '%z\n'
mirror printf '%b\n' 'a\tb\0101\c' never
mirror printf '\101\0101\x41\c' x
mirror printf '%*d|%-*s|%.*f\n' 5 1 3 ab 2 3.14159
mirror printf '%c%c|%5c|\n' '' x ''
mirror printf '%s\n'
mirror printf
mirror printf -- '%s\n' a
mirror printf '%i %u %X\n' -1 -1 -1
mirror printf '%d %d\n' "'A" '"B'
mirror printf 'a\qb\n'
mirror printf '%s %s\n' a b c
mirror printf '%#x %#o %+d % d\n' 255 8 5 5
mirror printf '%d\n' ' 12'
mirror test a = a
mirror test a -eq 1
mirror test 1 -lt 2 -a b
mirror test '(' a ')' -o ''
mirror test ! -e nope
mirror test -z
mirror test x y
mirror test 1 2 3 4 5
mirror [ a = b ]
mirror [ a = b
mirror [ '' ]
mirror true
mirror true --help
mirror false
mirror false x
mirror pwd
mirror pwd -P
mirror pwd -L
mirror pwd -x
mirror pwd extra
mirror kill -l
mirror kill -l 9 130 TERM sigusr1
mirror kill -l 0 NOPE
mirror kill -s NOPE 1
mirror kill -64 1
mirror kill 3999999
mirror kill -0 -- -3999999
mirror kill
mirror kill --help
