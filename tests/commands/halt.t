# halt: --help and usage errors only. Running it for real would take the
# system (inside Tessera) down in the middle of the tests; on the host it
# must refuse, since signalling the host's pid 1 could shut the host down.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi

check 'halt --help names it' 'halt --help | head -n 2' 'NAME
    halt - stop the system and halt the machine'
check 'halt --help says how it asks init' 'halt --help | grep -c "(SIGUSR1 to pid 1)"' '1'
check_err 'an unknown option is a usage error' 'halt -x' "halt: invalid option -- 'x'
Try 'halt --help' for more information." 2
check_err 'operands are usage errors' 'halt now' "halt: extra operand 'now'
Try 'halt --help' for more information." 2
check_err 'there is no -f' 'halt -f' "halt: invalid option -- 'f'
Try 'halt --help' for more information." 2
if [ -z "$tessera" ]; then
	check_err 'it refuses to signal the host'"'"'s init' 'halt' \
		'halt: this is not Tessera; refusing to signal the host'"'"'s init' 1
else
	skip 'refusing on the host' 'this is Tessera'
fi
