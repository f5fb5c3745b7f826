# trap.
check 'EXIT trap' 'trap "echo bye" EXIT; echo hi' 'hi
bye'
check 'EXIT trap with exit' 'trap "echo bye" EXIT; exit 3' 'bye' 3
check 'EXIT trap keeps the status' 'trap "echo \$?" EXIT; false' '1' 1
check 'exit in the EXIT trap sets the status' 'trap "exit 7" EXIT; true' '' 7
check '0 is EXIT' 'trap "echo zero" 0' 'zero'
check 'trap on a signal' 'trap "echo got USR1" USR1; kill -USR1 $$; echo after' 'got USR1
after'
check 'SIG prefix and numbers' 'trap "echo one" SIGUSR1; kill -s USR1 $$; trap "echo two" 10; kill -USR1 $$' 'one
two'
check 'ignore a signal' 'trap "" USR1; kill -USR1 $$; echo alive' 'alive'
check 'reset a trap' 'trap "echo x" USR2; trap - USR2; trap' ''
check 'list traps' 'trap "echo a" INT; trap "" QUIT; trap' "trap -- 'echo a' INT
trap -- '' QUIT"
check 'trap keeps $?' 'trap "true" USR1; false; kill -USR1 $$; echo $?' '0'
check 'trap action sees $?' 'trap "echo in-trap" USR1; (exit 3); kill -USR1 $$; echo $?' 'in-trap
0'
check 'signal kills without a trap' "\"\$SH\" -c 'kill -TERM \$\$; echo no'; echo \$?" '143'
check 'trap runs after the foreground command' 'trap "echo trapped" USR1; (sleep 1; kill -USR1 $$) & sleep 2; echo after' 'trapped
after'
check 'wait is interrupted by a trapped signal' 'trap "echo trapped" USR1; (sleep 1; kill -USR1 $$) & sleep 5 & wait $!; echo $?' 'trapped
138'
check 'bad signal name' 'trap "echo x" NOPE' '' 1 'sh: 1: trap: NOPE: bad trap'
check 'traps are reset in subshells' 'trap "echo parent" USR1; (kill -USR1 $$; sleep 1); echo done' 'parent
done'
check 'ignored signals stay ignored in children' 'trap "" USR1; sh -c "kill -USR1 \$\$; echo child-alive"' 'child-alive'
check 'EXIT trap in a subshell' '(trap "echo sub-exit" EXIT; echo in); echo out' 'in
sub-exit
out'
check 'EXIT trap from a function' 'f() { trap "echo fexit" EXIT; }; f; echo main' 'main
fexit'
check 'number first resets' 'trap "echo a" USR1; trap 10; trap' ''
