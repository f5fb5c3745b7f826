# SPDX-License-Identifier: MIT
# The shell tests: sh run.sh BINDIR [NAME...]
#
# Runs every NAME.t here (or those named) and prints "sh: N passed, N
# failed"; exits 0 iff none failed. Each case runs a script with BINDIR/sh
# — the shell under test — in a fresh directory, and compares its stdout,
# its stderr and its exit status with what POSIX says (the expectations
# were cross-checked against dash and bash where those agree). run.sh
# itself only needs a POSIX sh: the host's on the host, Tessera's own
# inside Tessera (sh /share/tests/sh/run.sh /bin). T_SH=path runs the
# cases with another shell instead, to compare.
#
# A .t file is sourced and calls:
#   check NAME 'SCRIPT' 'STDOUT' [STATUS [STDERR]]
#       runs sh -c SCRIPT; stdout (trailing newlines dropped, as $(...)
#       does), the status (default 0) and stderr (default: nothing) must
#       match. STDERR '*' accepts any.
#   check_file NAME 'SCRIPT' 'STDOUT' [STATUS [STDERR [ARG...]]]
#       the same with SCRIPT written to the file s.sh and run as
#       `sh s.sh ARG...` (messages then name s.sh and the line).
#   check_in NAME 'INPUT' 'SCRIPT' 'STDOUT' [STATUS [STDERR]]
#       sh -c SCRIPT with INPUT (printf %s) on its standard input.
#   skip NAME 'why'
# Standard input is an empty file unless given. $SH is the shell under
# test, $T_DIR the case's directory (also the current one), $B BINDIR.
# On the host, interactive.py adds the cases that need a terminal (job
# control, Ctrl-C, Ctrl-Z, prompts), driving the shell through a pty.

t_bindir=$1
shift
case $0 in
*/*) t_here=${0%/*} ;;
*) t_here=. ;;
esac
t_here=$(cd "$t_here" && pwd)
B=$t_bindir
SH=${T_SH:-$t_bindir/sh}
PATH=$t_bindir:$PATH
export PATH SH B
LC_ALL=C
export LC_ALL
unset ENV CDPATH
t_root=${TMPDIR:-/tmp}/t.sh.$$
rm -rf "$t_root"
mkdir -p "$t_root" || exit 1
t_results=$t_root/results
: > "$t_results"
: > "$t_root/empty"

t_pass() {
	printf 'ok   %s: %s\n' "$t_file" "$1"
	printf 'pass\n' >> "$t_results"
}

t_fail() {
	printf 'FAIL %s: %s\n' "$t_file" "$1"
	printf '    script:   %s\n' "$2"
	printf '    expected: [%s] status %s\n' "$3" "$4"
	printf '    got:      [%s] status %s\n' "$5" "$6"
	printf '    stderr expected: [%s]\n' "$7"
	printf '    stderr got:      [%s]\n' "$8"
	printf 'fail\n' >> "$t_results"
}

# t_compare NAME SCRIPT WANT WST WERR GOT GST: judges one run (stderr in $t_root/err).
t_compare() {
	t_err=$(cat "$t_root/err")
	if [ "$6" = "$3" ] && [ "$7" -eq "$4" ] && { [ "$5" = '*' ] || [ "$t_err" = "$5" ]; }; then
		t_pass "$1"
	else
		t_fail "$1" "$2" "$3" "$4" "$6" "$7" "$5" "$t_err"
	fi
}

check() {
	t_got=$(cd "$T_DIR" && "$SH" -c "$2" 2>"$t_root/err" <"$t_root/empty")
	t_st=$?
	t_compare "$1" "$2" "$3" "${4:-0}" "${5-}" "$t_got" "$t_st"
}

check_in() {
	printf '%s' "$2" > "$t_root/input"
	t_got=$(cd "$T_DIR" && "$SH" -c "$3" 2>"$t_root/err" <"$t_root/input")
	t_st=$?
	t_compare "$1" "$3" "$4" "${5:-0}" "${6-}" "$t_got" "$t_st"
}

check_file() {
	t_name=$1 t_script=$2 t_want=$3 t_wst=${4:-0} t_werr=${5-}
	if [ $# -ge 5 ]; then shift 5; else shift $#; fi
	printf '%s\n' "$t_script" > "$T_DIR/s.sh"
	t_got=$(cd "$T_DIR" && "$SH" s.sh "$@" 2>"$t_root/err" <"$t_root/empty")
	t_st=$?
	t_compare "$t_name" "$t_script" "$t_want" "$t_wst" "$t_werr" "$t_got" "$t_st"
}

skip() {
	printf 'skip %s: %s (%s)\n' "$t_file" "$1" "$2"
}

if [ $# -eq 0 ]; then
	set -- "$t_here"/*.t
else
	t_names=
	for t_n in "$@"; do
		t_names="$t_names $t_here/$t_n.t"
	done
	set -- $t_names
fi

for t in "$@"; do
	t_file=${t##*/}
	t_file=${t_file%.t}
	T_DIR=$t_root/$t_file
	mkdir -p "$T_DIR"
	(. "$t")
done

# On the host (not inside Tessera, where only *.t and run.sh are
# installed) the interactive cases run through a pseudo-terminal.
if [ -z "${T_SH-}" ] && [ -f "$t_here/interactive.py" ] &&
	command -v python3 > "$t_root/python" 2>&1; then
	(cd "$t_root" && python3 "$t_here/interactive.py" "$SH" "$t_results")
fi

t_passed=0
t_failed=0
while read -r t_r; do
	case $t_r in
	pass) t_passed=$((t_passed + 1)) ;;
	*) t_failed=$((t_failed + 1)) ;;
	esac
done < "$t_results"
rm -rf "$t_root"
printf 'sh: %s passed, %s failed\n' "$t_passed" "$t_failed"
[ "$t_failed" -eq 0 ]
