# ps: headings, selection (-e, -p, the session), fields (-o, -f), errors.
# In Tessera the rows come from proc:, on the host from /proc; what is
# checked holds in both: the shell running this file is a process both
# can see, and $$ and $PPID say what ps must find for it.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi
# A host container's session leader can lie outside its pid namespace,
# where the session and group ids then read 0; in Tessera they are real.
min=0
if [ -n "$tessera" ]; then
	min=1
fi

check 'ps --help names it' 'ps --help | head -n 2' 'NAME
    ps - report processes'
check 'default headings are PID PPID STAT TIME CMD' \
	'set -- $(ps | head -n 1); echo "$*"' 'PID PPID STAT TIME CMD'
check '-f headings' 'set -- $(ps -f | head -n 1); echo "$*"' \
	'UID PID PPID PGID SID NLWP STAT TIME CMD'
check 'without options it shows its own session, this shell included' \
	'ps -o pid= | { f=; while read -r p; do if [ "$p" = $$ ]; then f=found; fi; done; echo $f; }' \
	'found'
check 'ps shows itself running' \
	'ps -o stat= -o comm= | while read -r s c; do if [ "$c" = ps ]; then echo "$s"; fi; done' 'R'
check '-p selects by pid' 'ps -o pid= -p $$' "$$"
check '-p takes a list' \
	'ps -o pid= -p "1,$$" | { n=0; while read -r p; do n=$((n + 1)); done; echo $n; }' '2'
check '-p with several options' 'ps -o pid= -p 1 -p $$ | { n=0; while read -r p; do n=$((n + 1)); done; echo $n; }' '2'
check 'ppid is the shell'"'"'s $PPID' 'ps -o ppid= -p $$' "$PPID"
check 'comm of the shell is sh' 'ps -o comm= -p $$' 'sh'
check '-o with commas' 'set -- $(ps -o pid,ppid -p $$); echo "$*"' "PID PPID $$ $PPID"
check '-o name=header renames the heading' 'set -- $(ps -o pid=ID -p $$); echo "$*"' "ID $$"
check 'the header takes the rest of the argument' \
	'ps -o pid=A,B -p $$ | head -n 1 | { read -r h; echo "$h"; }' 'A,B'
check 'no heading line when every heading is empty' 'ps -o pid= -o ppid= -p $$ | { n=0; while read -r l; do n=$((n + 1)); done; echo $n; }' '1'
check 'time is hh:mm:ss' \
	'case $(ps -o time= -p $$) in [0-9][0-9]:[0-5][0-9]:[0-5][0-9]) echo ok ;; esac' 'ok'
check '-e includes pid 1' \
	'ps -e -o pid= | { f=; while read -r p; do if [ "$p" = 1 ]; then f=one; fi; done; echo $f; }' 'one'
check '-A is -e' \
	'a=$(ps -A -o pid= | { read -r p; echo $p; }); e=$(ps -e -o pid= | { read -r p; echo $p; }); [ "$a" = "$e" ] && [ "$a" = 1 ] && echo same' 'same'
check 'every -e row has numbers and a name' \
	'ps -e -o pid= -o ppid= -o nlwp= -o comm= | while read -r p pp n c; do case $p$pp$n in *[!0-9]*) echo "bad: $p $pp $n" ;; esac; if [ -z "$c" ]; then echo "no name: $p"; fi; done' ''
check 'rows are sorted by pid' \
	'ps -e -o pid= | { last=0; while read -r p; do if [ "$p" -le "$last" ]; then echo "$p after $last"; fi; last=$p; done; }' ''
check '-f shows the user and the session' \
	'ps -f -p $$ | { read -r h; read -r u p pp pg sid n s t c; [ "$p" = $$ ] && [ -n "$u" ] && [ "$sid" -ge "$min" ] && [ "$pg" -ge "$min" ] && echo ok; }' 'ok'
check 'sid and pgid are the same in -f and -o' \
	'a=$(ps -f -p $$ | { read -r h; read -r u p pp pg sid r; echo "$pg $sid"; }); b=$(ps -o pgid= -o sid= -p $$); set -- $b; [ "$a" = "$1 $2" ] && echo same' 'same'
check 'a child shares the shell'"'"'s session' \
	'sleep 100 & c=$!; a=$(ps -o sid= -p $$); b=$(ps -o sid= -p $c); kill $c; wait $c; [ "$a" = "$b" ] && echo same' 'same'
if [ -n "$tessera" ]; then
	check 'processes run as root in Tessera' 'ps -o uid= -o user= -p $$' '0 root'
	check 'the shell has one thread' 'ps -o nlwp= -p $$' '1'
	check 'args is the name in Tessera' 'ps -o args= -p $$' 'sh'
else
	skip 'processes run as root in Tessera' 'not in Tessera'
	skip 'the shell has one thread' 'not in Tessera'
	skip 'args is the name in Tessera' 'not in Tessera'
fi
check 'no such pid: the headings only, status 1' 'ps -p 3999999' 'PID PPID STAT TIME CMD' 1
check_err 'an unknown field' 'ps -o bogus' "ps: unknown format field: bogus
Try 'ps --help' for more information." 2
check_err 'a bad pid' 'ps -p 12x' "ps: invalid process ID: 12x
Try 'ps --help' for more information." 2
check_err 'a bad option' 'ps -Z' "ps: invalid option -- 'Z'
Try 'ps --help' for more information." 2
check_err '-o without its argument' 'ps -o' "ps: option requires an argument -- 'o'
Try 'ps --help' for more information." 2
check_err 'an operand' 'ps foo' "ps: extra operand 'foo'
Try 'ps --help' for more information." 2
