# poweroff: --help and usage errors only. Running it for real would take the
# system (inside Tessera) down in the middle of the tests; on the host it
# must refuse, since signalling the host's pid 1 could shut the host down.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi

check 'poweroff --help names it' 'poweroff --help | head -n 2' 'NAME
    poweroff - stop the system and turn the machine off'
check 'poweroff --help says how it asks init' 'poweroff --help | grep -c "(SIGUSR2 to pid 1)"' '1'
check_err 'an unknown option is a usage error' 'poweroff -x' "poweroff: invalid option -- 'x'
Try 'poweroff --help' for more information." 2
check_err 'operands are usage errors' 'poweroff now' "poweroff: extra operand 'now'
Try 'poweroff --help' for more information." 2
if [ -z "$tessera" ]; then
	check_err 'it refuses to signal the host'"'"'s init' 'poweroff' \
		'poweroff: this is not Tessera; refusing to signal the host'"'"'s init' 1
	check_err '-f refuses on the host too' 'poweroff -f' \
		'poweroff: this is not Tessera; refusing to signal the host'"'"'s init' 1
else
	skip 'refusing on the host' 'this is Tessera'
fi
