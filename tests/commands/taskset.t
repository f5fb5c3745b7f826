# taskset: running a command on chosen CPUs, showing and setting a
# process's CPUs, masks and lists, errors. Only the first CPU this shell
# may use is relied on, so the tests pass on a machine of any size.
first=$(taskset -cp 0 | cut -d' ' -f6 | cut -d, -f1 | cut -d- -f1)
mask=$(printf '%x' $((1 << first)))
check 'shows its own set' 'taskset -cp 0 | cut -d: -f1' "pid 0's current affinity list"
check 'runs a command on one CPU (list)' "taskset -c $first taskset -cp 0" "pid 0's current affinity list: $first"
check 'runs a command on one CPU (mask)' "taskset $mask taskset -p 0" "pid 0's current affinity mask: $mask"
check 'a mask may start with 0x' "taskset 0x$mask taskset -p 0" "pid 0's current affinity mask: $mask"
check 'a range of one CPU' "taskset -c $first-$first taskset -cp 0" "pid 0's current affinity list: $first"
check 'what the command starts inherits the set' "taskset -c $first sh -c 'taskset -cp 0'" "pid 0's current affinity list: $first"
check 'the command status comes back' "taskset -c $first sh -c 'exit 3'; echo \$?" '3'
check '--cpu-list and --pid are -c and -p' "taskset --cpu-list $first taskset --cpu-list --pid 0" "pid 0's current affinity list: $first"
check '-p sets another process' "sleep 30 & p=\$!; taskset -cp $first \$p | grep new | cut -d' ' -f3-; taskset -cp \$p | cut -d' ' -f3-; kill \$p" "new affinity list: $first
current affinity list: $first"
check_err 'an invalid list' 'taskset -c 1-0 true' "taskset: invalid CPU list '1-0'
Try 'taskset --help' for more information." 2
check_err 'an invalid mask' 'taskset 0xg true' "taskset: invalid CPU mask '0xg'
Try 'taskset --help' for more information." 2
check_err 'a set of no CPU' 'taskset 0 true' "taskset: cannot run on CPUs '0': Invalid argument" 1
check_err 'a missing command' 'taskset 1' "taskset: missing command
Try 'taskset --help' for more information." 2
check_err 'a command that is not there is 127' "taskset $mask no-such-command-here" 'taskset: no-such-command-here: No such file or directory' 127
check_err 'no such process' 'taskset -p 2147483647' "taskset: cannot get pid 2147483647's affinity: No such process" 1
check '--help describes it' 'taskset --help | head -n 2' 'NAME
    taskset - run a command on chosen CPUs, or change a process'"'"'s CPUs'
