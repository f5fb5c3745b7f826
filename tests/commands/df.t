# df: the file system holding a file, -k -P -h, the list of all, errors.
# Figures change as others write, so the tests check the form and the
# arithmetic of each line, not the numbers themselves.
check 'a header and one line for the working directory' 'df . | { n=0; while read -r l; do n=$((n + 1)); done; printf %s $n; }' '2'
check 'the header names the columns' 'df -P . | while read -r l; do printf "%s\n" "$l"; break; done' \
	'Filesystem 1024-blocks Used Available Capacity Mounted on'
check '-h names them for people' 'df -h . | while read -r l; do set -- $l; printf "%s %s %s %s %s %s %s\n" "$@"; break; done' \
	'Filesystem Size Used Avail Use% Mounted on'
check 'used plus available never exceeds the size; capacity is used/(used+avail)' \
	'df -P . | { read -r h; read -r fs size used avail cap mnt; [ $((used + avail)) -le $size ] || printf "sum "; pct=$(((used * 100 + used + avail - 1) / (used + avail))); [ "$cap" = "$pct%" ] || printf "pct %s %s" "$cap" "$pct"; printf ok; }' 'ok'
check 'two operands, two lines' 'mkdir d && df -P . d | { n=0; while read -r l; do n=$((n + 1)); done; printf %s $n; }' '3'
check 'without operands every file system is listed' \
	'df -P | { read -r h; n=0; while read -r l; do n=$((n + 1)); done; [ $n -ge 1 ] && printf some; }' 'some'
check 'the working directory is on a listed file system' \
	'set -- $(df -P . | { read -r h; read -r l; printf "%s" "$l"; }); fs=$1; df -P | { found=no; while read -r f rest; do [ "$f" = "$fs" ] && found=yes; done; printf %s $found; }' 'yes'
check_err 'a missing file is reported' 'df nope' 'df: nope: No such file or directory' 1
check_err 'an unknown option is a usage error' 'df -Z' "df: invalid option -- 'Z'
Try 'df --help' for more information." 2
