# free: the table's shape, numbers that add up, the units, and errors.
# Memory changes from one run to the next, so comparisons between runs
# use the total only. In Tessera the figures must be sys:meminfo's.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi
# The total (first number of the Mem: line) with the options given.
t_total() {
	free "$@" | { read -r h; read -r l t r; echo "$t"; }
}

check 'free --help names it' 'free --help | head -n 2' 'NAME
    free - show the amount of used and free memory'
check 'headings' 'set -- $(free | head -n 1); echo "$*"' \
	'total used free shared buff/cache available'
check 'three lines: headings, Mem:, Swap:' \
	'free | { n=0; l=; while read -r w r; do n=$((n + 1)); l="$l $w"; done; echo $n$l; }' \
	'3 total Mem: Swap:'
check 'used is total less available' \
	'free | { read -r h; read -r l t u f s c a; [ "$t" -gt 0 ] && [ $((u + a)) -eq "$t" ] && echo ok; }' 'ok'
check 'free, shared, buff/cache and available fit in the total' \
	'free | { read -r h; read -r l t u f s c a; [ $((f + c)) -le "$t" ] && [ "$s" -le "$t" ] && [ "$a" -le "$t" ] && echo ok; }' 'ok'
check 'swap used and free make its total' \
	'free | { read -r h; read -r m; read -r l t u f; [ "$l" = Swap: ] && [ $((u + f)) -eq "$t" ] && echo ok; }' 'ok'
check '-k is the default' '[ "$(t_total -k)" = "$(t_total)" ] && echo same' 'same'
check '-b is bytes' '[ "$(t_total -b)" -eq $(($(t_total) * 1024)) ] && echo ok' 'ok'
check '-m is MiB, rounded down' '[ "$(t_total -m)" -eq $(($(t_total) / 1024)) ] && echo ok' 'ok'
check '-g is GiB, rounded down' '[ "$(t_total -g)" -eq $(($(t_total) / 1048576)) ] && echo ok' 'ok'
check '-h names its units' \
	'free -h | { read -r h; read -r l t u f s c a; for v in $t $u $f $a; do case $v in 0B | *[0-9]Ki | *[0-9]Mi | *[0-9]Gi | *[0-9]Ti) ;; *) echo "bad: $v" ;; esac; done; }' ''
check 'the last option wins' '[ "$(t_total -h -m)" = "$(t_total -m)" ] && echo same' 'same'
if [ -n "$tessera" ]; then
	check 'the total is sys:meminfo'"'"'s' \
		'while read -r k v; do if [ "$k" = total_kib ]; then m=$v; fi; done < sys:meminfo; [ "$(t_total)" = "$m" ] && echo same' 'same'
	check 'no page cache, shared memory or swap in Tessera' \
		'free | { read -r h; read -r l t u f s c a; read -r sl st r; echo "$s $c $st"; }' '0 0 0'
	check 'available is free in Tessera' \
		'free | { read -r h; read -r l t u f s c a; [ "$f" = "$a" ] && echo same; }' 'same'
else
	skip 'the total is sys:meminfo'"'"'s' 'not in Tessera'
	skip 'no page cache, shared memory or swap in Tessera' 'not in Tessera'
	skip 'available is free in Tessera' 'not in Tessera'
fi
check_err 'a bad option' 'free -x' "free: invalid option -- 'x'
Try 'free --help' for more information." 2
check_err 'an operand' 'free 3' "free: extra operand '3'
Try 'free --help' for more information." 2
