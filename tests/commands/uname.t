# uname: the fields, their fixed order, and errors. Inside Tessera the
# names are Tessera's (sys:uname, /etc/hostname); on the host they must
# agree with the host's own uname where it has one.
tessera=
if { read -r t_sys t_rel t_mach < sys:uname; } 2>/dev/null && [ "$t_sys" = Tessera ]; then
	tessera=1
fi
t_host_uname=
for t_u in /usr/bin/uname /bin/uname; do
	if [ -z "$t_host_uname" ] && [ -x "$t_u" ]; then
		t_host_uname=$t_u
	fi
done

check 'uname --help names it' 'uname --help | head -n 2' 'NAME
    uname - print the system'"'"'s names'
check 'no option is -s' '[ "$(uname)" = "$(uname -s)" ] && echo same' 'same'
check '-a is -snrvm, in that order' \
	'[ "$(uname -a)" = "$(uname -s) $(uname -n) $(uname -r) $(uname -v) $(uname -m)" ] && echo same' 'same'
check 'options in any order give the same line' \
	'[ "$(uname -m -s -n)" = "$(uname -snm)" ] && [ "$(uname -ms)" = "$(uname -s) $(uname -m)" ] && echo same' 'same'
check '-p is the machine, -o the system' \
	'[ "$(uname -p)" = "$(uname -m)" ] && [ "$(uname -o)" = "$(uname -s)" ] && echo same' 'same'
check 'every field is there' \
	'for o in s n r v m p o; do if [ -z "$(uname -$o)" ]; then echo "empty -$o"; fi; done' ''
if [ -n "$tessera" ]; then
	check 'the system is Tessera' 'uname -s' 'Tessera'
	check 'the machine is x86_64' 'uname -m' 'x86_64'
	check 'the release is sys:uname'"'"'s' 'uname -r' "$t_rel"
	check 'the node name is /etc/hostname' \
		'read -r h < /etc/hostname; [ "$(uname -n)" = "$h" ] && echo same' 'same'
	check '-a in full' 'uname -a' "Tessera $(read -r h < /etc/hostname; echo "$h") $t_rel $t_rel $t_mach"
else
	skip 'the system is Tessera' 'not in Tessera'
	skip 'the machine is x86_64' 'not in Tessera'
	skip 'the release is sys:uname'"'"'s' 'not in Tessera'
	skip 'the node name is /etc/hostname' 'not in Tessera'
	skip '-a in full' 'not in Tessera'
fi
if [ -z "$tessera" ] && [ -n "$t_host_uname" ]; then
	for t_o in s n r v m; do
		check "-$t_o agrees with $t_host_uname" "uname -$t_o" "$("$t_host_uname" -$t_o)"
	done
else
	skip 'the fields agree with the host'"'"'s uname' 'no host uname here'
fi
check_err 'a bad option' 'uname -x' "uname: invalid option -- 'x'
Try 'uname --help' for more information." 2
check_err 'an operand' 'uname foo' "uname: extra operand 'foo'
Try 'uname --help' for more information." 2
