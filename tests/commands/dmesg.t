# dmesg: the kernel log. In Tessera a line written to debug: must come
# back time-stamped; on the host the log may or may not be readable, and
# dmesg must either print it or say it is not supported.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi

check 'dmesg --help names it' 'dmesg --help | head -n 2' 'NAME
    dmesg - print the kernel'"'"'s log'
if [ -n "$tessera" ]; then
	check 'a line written to debug: shows up' \
		'echo "dmesg-mark-$$" > debug:; dmesg | { f=; while read -r l; do case $l in *"] dmesg-mark-$$") f=found ;; esac; done; echo $f; }' 'found'
	check 'lines are time-stamped' \
		'dmesg | { n=0; while IFS= read -r l; do case $l in "["*"."*"] "*) ;; *) n=$((n + 1)) ;; esac; done; echo $n; }' '0'
	check 'the newest line comes last' \
		'echo "dmesg-last-$$" > debug:; dmesg | tail -n 1 | { IFS= read -r l; echo "${l#*] }"; }' "dmesg-last-$$"
	skip 'the host prints its log or says it cannot' 'in Tessera'
else
	skip 'a line written to debug: shows up' 'not in Tessera'
	skip 'lines are time-stamped' 'not in Tessera'
	skip 'the newest line comes last' 'not in Tessera'
	check 'the host prints its log or says it cannot' \
		'e=$(dmesg 2>&1 >/dev/null); s=$?; if [ $s -eq 0 ] && [ -z "$e" ]; then echo ok; elif [ $s -eq 1 ] && [ "$e" = "dmesg: not supported here" ]; then echo ok; fi' 'ok'
fi
check_err 'a bad option' 'dmesg -c' "dmesg: invalid option -- 'c'
Try 'dmesg --help' for more information." 2
check_err 'an operand' 'dmesg x' "dmesg: extra operand 'x'
Try 'dmesg --help' for more information." 2
