# reboot: --help and usage errors only. Running it for real would take the
# system (inside Tessera) down in the middle of the tests; on the host it
# must refuse, since signalling the host's pid 1 could shut the host down.
tessera=
if { read -r t_sys t_rest < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi

check 'reboot --help names it' 'reboot --help | head -n 2' 'NAME
    reboot - stop the system and restart the machine'
check 'reboot --help says how it asks init' 'reboot --help | grep -c "(SIGTERM to pid 1)"' '1'
check_err 'an unknown option is a usage error' 'reboot -x' "reboot: invalid option -- 'x'
Try 'reboot --help' for more information." 2
check_err 'operands are usage errors' 'reboot now' "reboot: extra operand 'now'
Try 'reboot --help' for more information." 2
if [ -z "$tessera" ]; then
	check_err 'it refuses to signal the host'"'"'s init' 'reboot' \
		'reboot: this is not Tessera; refusing to signal the host'"'"'s init' 1
	check_err '-f refuses on the host too' 'reboot -f' \
		'reboot: this is not Tessera; refusing to signal the host'"'"'s init' 1
else
	skip 'refusing on the host' 'this is Tessera'
fi
