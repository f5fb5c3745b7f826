# SPDX-License-Identifier: MIT
# The command tests: sh run.sh BINDIR [NAME...]
#
# Runs every NAME.t here (or those named) with BINDIR first on PATH, each
# in a fresh empty directory it may litter, and prints "N passed, N
# failed"; exits 0 iff none failed. The same scripts run on the host
# (the commands built against glibc, under the host's /bin/sh) and inside
# Tessera (/share/tests/commands, under Tessera's sh), so they use only
# POSIX sh and the commands under test.
#
# A .t file is sourced by sh and calls:
#   check NAME 'COMMAND' 'EXPECTED STDOUT' [STATUS]
#       runs COMMAND with eval; its stdout (trailing newlines dropped, as
#       $(...) does) and exit status (default 0) must match.
#   check_err NAME 'COMMAND' 'EXPECTED STDERR' STATUS
#       the same for stderr (stdout is ignored): error messages and the
#       failing exit status.
#   skip NAME 'why'   counts nothing, says why.
# $T_DIR is the test's own directory (also the current one at the start).
# Names are shown prefixed by the file's name.
#
# Shells have builtins named like some commands (echo, true, false, pwd,
# kill, test); functions of those names, defined below, make the tests
# reach the commands in BINDIR instead. `[` cannot be a function name:
# tests call it as "$B/[". $B is BINDIR.

t_bindir=$1
shift
case $0 in
*/*) t_here=${0%/*} ;;
*) t_here=. ;;
esac
t_here=$(cd "$t_here" && pwd)
PATH=$t_bindir:$PATH
B=$t_bindir
echo() { "$B/echo" "$@"; }
true() { "$B/true" "$@"; }
false() { "$B/false" "$@"; }
pwd() { "$B/pwd" "$@"; }
kill() { "$B/kill" "$@"; }
test() { "$B/test" "$@"; }
export PATH
LC_ALL=C
export LC_ALL
t_root=${TMPDIR:-/tmp}/t.commands.$$
rm -rf "$t_root"
mkdir -p "$t_root" || exit 1
t_results=$t_root/results
: > "$t_results"

t_pass() {
	printf 'ok   %s: %s\n' "$t_file" "$1"
	printf "pass\n" >> "$t_results"
}

t_fail() {
	printf 'FAIL %s: %s\n' "$t_file" "$1"
	printf '    command:  %s\n' "$2"
	printf '    expected: [%s] status %s\n' "$3" "$4"
	printf '    got:      [%s] status %s\n' "$5" "$6"
	printf "fail\n" >> "$t_results"
}

check() {
	t_got=$(eval "$2" 2>"$t_root/stderr")
	t_st=$?
	if [ "$t_got" = "$3" ] && [ "$t_st" -eq "${4:-0}" ]; then
		t_pass "$1"
	else
		t_fail "$1" "$2" "$3" "${4:-0}" "$t_got" "$t_st"
		printf '    stderr:   %s\n' "$(cat "$t_root/stderr")"
	fi
}

check_err() {
	t_got=$( { eval "$2" >/dev/null; } 2>&1)
	t_st=$?
	if [ "$t_got" = "$3" ] && [ "$t_st" -eq "$4" ]; then
		t_pass "$1"
	else
		t_fail "$1" "$2" "$3" "$4" "$t_got" "$t_st"
	fi
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
	(cd "$T_DIR" && . "$t")
	t_st=$?
	if [ "$t_st" -ne 0 ]; then
		printf 'FAIL %s: the script itself exited %s\n' "$t_file" "$t_st"
		printf "fail\n" >> "$t_results"
	fi
done

t_passed=0
t_failed=0
while read -r t_r; do
	case $t_r in
	pass) t_passed=$((t_passed + 1)) ;;
	*) t_failed=$((t_failed + 1)) ;;
	esac
done < "$t_results"
rm -rf "$t_root"
printf "commands: %s passed, %s failed\n" "$t_passed" "$t_failed"
[ "$t_failed" -eq 0 ]
