# kill: signal names and numbers (-l), sending (-s, -NAME, -NUMBER, --),
# exit statuses the shell sees, and errors. Signals go to sleep processes
# started here; background jobs of a script ignore INT and QUIT (POSIX),
# so the tests use TERM, KILL, HUP and USR1.
check 'kill --help names it' 'kill --help | head -n 2' 'NAME
    kill - send a signal to processes'
check '-l names a number' 'kill -l 9' 'KILL'
check '-l names the signal behind an exit status' 'kill -l 130' 'INT'
check '-l gives the number of a name' 'kill -l TERM' '15'
check '-l takes SIG and lower case' 'kill -l sigusr1' '10'
check '-l with several operands' 'kill -l 1 2 HUP' 'HUP
INT
1'
check '-l lists HUP first' 'kill -l | head -n 1' 'HUP'
check '-l lists every name once' 'n=0; for s in $(kill -l); do n=$((n + 1)); done; echo $n' '31'
check '-l has no SIG prefixes' 'for s in $(kill -l); do case $s in SIG*) echo "$s" ;; esac; done' ''
check_err '-l rejects what is not a signal' 'kill -l 0 NOPE' 'kill: 0: invalid signal
kill: NOPE: invalid signal' 1
check 'TERM by default' 'sleep 100 & p=$!; kill $p; wait $p; echo $?' '143'
check '-s KILL' 'sleep 100 & p=$!; kill -s KILL $p; wait $p; echo $?' '137'
check '-s takes a number' 'sleep 100 & p=$!; kill -s 1 $p; wait $p; echo $?' '129'
check '-NUMBER' 'sleep 100 & p=$!; kill -9 $p; wait $p; echo $?' '137'
check '-NAME' 'sleep 100 & p=$!; kill -HUP $p; wait $p; echo $?' '129'
check '-SIGNAME in lower case' 'sleep 100 & p=$!; kill -sigusr1 $p; wait $p; echo $?' '138'
check '-- ends the options' 'sleep 100 & p=$!; kill -- $p; wait $p; echo $?' '143'
check '-s NAME -- pid' 'sleep 100 & p=$!; kill -s TERM -- $p; wait $p; echo $?' '143'
check 'several pids' \
	'sleep 100 & a=$!; sleep 100 & b=$!; kill -s KILL $a $b; wait $a; x=$?; wait $b; echo $x $?' \
	'137 137'
check 'signal 0 only checks the process exists' 'kill -0 $$; echo $?' '0'
check '-s 0 too' 'kill -s 0 $$' ''
check 'one failure does not stop the others' \
	'sleep 100 & p=$!; kill 3999999 $p 2>/dev/null; s=$?; wait $p; echo $s $?' '1 143'
check_err 'no such process' 'kill 3999999' 'kill: 3999999: No such process' 1
check_err 'no such process group' 'kill -s TERM -3999999' 'kill: -3999999: No such process' 1
check_err 'no such process group after --' 'kill -- -3999999' 'kill: -3999999: No such process' 1
check_err 'an unknown signal name' 'kill -s NOPE 1' "kill: NOPE: invalid signal
Try 'kill --help' for more information." 2
check_err 'a signal number too big' 'kill -64 1' "kill: 64: invalid signal
Try 'kill --help' for more information." 2
check_err '-s without a signal' 'kill -s' "kill: option requires an argument -- 's'
Try 'kill --help' for more information." 2
check_err 'no pid' 'kill' "kill: no process ID given
Try 'kill --help' for more information." 2
check_err 'a signal but no pid' 'kill -9' "kill: no process ID given
Try 'kill --help' for more information." 2
check_err 'not a number' 'kill 12ab' 'kill: 12ab: invalid process ID' 1
check_err 'a job ID needs the shell' 'kill %1' "kill: %1: job IDs are understood only by the shell's kill" 1
