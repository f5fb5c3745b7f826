# top in batch mode (-b, or when its output is not a terminal): the
# frames' shape, their count, what they show, and errors. The screen
# mode and its keys are driven through a terminal by the console tests
# (tests/system/console_cases.py).

check 'top --help names it' 'top --help | head -n 2' 'NAME
    top - show the busiest processes, CPU load and memory'
check 'a frame starts with the uptime' \
	'top -b -n 1 -d 0.1 | head -n 1 | { read -r a b c r; echo "$a $b $c"; }' 'top - up'
check '-n 2 prints two frames' \
	'top -b -n 2 -d 0.1 | { n=0; while read -r a r; do if [ "$a" = top ]; then n=$((n + 1)); fi; done; echo $n; }' '2'
check 'the process table'"'"'s headings' \
	'top -b -n 1 -d 0.1 | while read -r l; do set -- $l; if [ "$1" = PID ]; then echo "$*"; fi; done' \
	'PID PPID S NLWP %CPU TIME COMMAND'
check 'one load figure per CPU' \
	'top -b -n 1 -d 0.1 | { read -r l; set -- $l; want=$7; n=0; while read -r l; do set -- $l; case $1 in cpu[0-9]*) n=$((n + $# / 2)) ;; esac; done; [ "$n" -gt 0 ] && [ "$n" = "$want" ] && echo ok; }' 'ok'
check 'the process count is the number of rows' \
	'top -b -n 1 -d 0.1 | { read -r l; set -- $l; want=$5; rows=0; table=; while read -r l; do set -- $l; if [ "$1" = PID ]; then table=1; elif [ -n "$table" ] && [ -n "$1" ]; then rows=$((rows + 1)); fi; done; [ "$rows" = "$want" ] && echo ok; }' 'ok'
check 'top sees itself' \
	'top -b -n 1 -d 0.1 | { f=; while read -r l; do set -- $l; if [ "$7" = top ]; then f=yes; fi; done; echo $f; }' 'yes'
check 'CPU shares are between 0 and 100' \
	'top -b -n 1 -d 0.1 | while read -r l; do set -- $l; case $1 in cpu[0-9]*) while [ $# -ge 2 ]; do p=${2%%.*}; if [ "$p" -lt 0 ] || [ "$p" -gt 100 ]; then echo "$1 $2"; fi; shift 2; done ;; esac; done' ''
check 'the memory total is free'"'"'s' \
	'm=$(free | { read -r h; read -r l t r; echo "$t"; }); top -b -n 1 -d 0.1 | while read -r l; do set -- $l; if [ "$1 $2" = "KiB Mem:" ]; then [ "$3" = "$m" ] && echo same; fi; done' 'same'
check 'output to a pipe is batch mode: no screen control' \
	'top -n 1 -d 0.1 | head -n 1 | { read -r a b r; echo "$a $b"; }' 'top -'
check_err '-n must be positive' 'top -n 0' "top: 0: invalid number of iterations
Try 'top --help' for more information." 2
check_err '-d must be a positive number' 'top -d x' "top: x: invalid interval (seconds above 0)
Try 'top --help' for more information." 2
check_err '-d 0 is refused' 'top -d 0' "top: 0: invalid interval (seconds above 0)
Try 'top --help' for more information." 2
check_err '-n needs its argument' 'top -n' "top: option requires an argument -- 'n'
Try 'top --help' for more information." 2
check_err 'a bad option' 'top -x' "top: invalid option -- 'x'
Try 'top --help' for more information." 2
check_err 'an operand' 'top 5' "top: extra operand '5'
Try 'top --help' for more information." 2
