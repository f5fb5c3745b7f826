# sleep: seconds, fractions, units, sums, signals, errors.
check 'sleeps and succeeds' 'sleep 0; echo $?' '0'
check 'a fraction' 'sleep 0.2; echo $?' '0'
check 'units' 'sleep 0.001m 0.0001h 0s 0d; echo $?' '0'
check 'it really waits' 'sleep 1 & p=$!; sleep 0.3; kill -0 $p && echo running; wait $p; echo $?' 'running
0'
check 'a signal ends it as usual' 'sleep 100 & p=$!; sleep 0.2; kill -TERM $p; wait $p; echo $?' '143'
check_err 'no operand' 'sleep' "sleep: missing operand
Try 'sleep --help' for more information." 2
check_err 'not a number' 'sleep x' "sleep: invalid time interval 'x'
Try 'sleep --help' for more information." 2
check_err 'an unknown unit' 'sleep 1y' "sleep: invalid time interval '1y'
Try 'sleep --help' for more information." 2
check_err 'a negative time' 'sleep -1' "sleep: invalid time interval '-1'
Try 'sleep --help' for more information." 2
check '--help describes it' 'sleep --help | head -n 2' 'NAME
    sleep - wait for a time'
