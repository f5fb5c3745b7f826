# mv: renames, into directories, replacing, directories, -i, -f, across
# file systems, and errors.
umask 022
TZ=UTC0
export TZ
printf 'data\n' > f
check 'renames a file' 'mv f g && ls' 'g'
check 'replaces an existing file' 'printf "old\n" > h && mv g h && ls && cat h' 'h
data'
check 'moves into a directory' 'mkdir d && touch a b && mv a b d && ls d' 'a
b'
check 'renames a directory with its contents' 'mv d e && ls e' 'a
b'
check 'moves a directory into another' 'mkdir empty && mv e empty && ls -R empty' 'empty:
e

empty/e:
a
b'
check_err 'a directory cannot be moved into itself' 'mv empty empty/e' \
	'mv: empty: cannot move a directory into itself (empty/e/empty)' 1
check_err 'a file cannot replace a directory' 'mkdir -p dd/h && mv h dd' 'mv: h -> dd/h: Is a directory' 1
check_err 'a non-empty directory is not replaced' 'mkdir -p x/y y && touch x/y/z && mv y x' \
	'mv: y -> x/y: Directory not empty' 1
check_err 'a missing source is reported' 'mv nope z' 'mv: nope: No such file or directory' 1
check_err 'a file onto itself is refused' 'touch s && mv s ./s' "mv: 's' and './s' are the same file" 1
check_err 'several sources need a directory' 'touch m1 m2 && mv m1 m2 m3' 'mv: m3: Not a directory' 1
check 'times and modes survive a rename' 'touch -d 2001-02-03T04:05:06Z m1 && mv m1 m4 && stat -c "%A %Y" m4' \
	'-rw-r--r-- 981173106'
check '-i asks, and "n" keeps both' 'printf "n\n" | mv -i m2 m4 2>/dev/null; ls m2 m4' 'm2
m4'
check_err '-i asks on standard error' 'printf "y\n" | mv -i m2 m4' "mv: overwrite 'm4'? " 0
check '"y" moved it' 'ls m2 m4 2>/dev/null' 'm4' 2
check '-f after -i does not ask' 'touch m5 && mv -i -f m5 m4 </dev/null && ls m4 m5 2>/dev/null' 'm4' 2
check '-v says what it moves' 'touch v1 && mv -v v1 v2' "renamed 'v1' -> 'v2'"
check_err 'one operand is a usage error' 'mv v2' "mv: missing destination file operand after 'v2'
Try 'mv --help' for more information." 2

# Across file systems mv copies and removes; the host's /dev/shm is one.
other=/dev/shm/t.commands.mv.$$
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d .)" ]; then
	mkdir -p tree/sub && printf x > tree/sub/f && ln -s sub/f tree/l
	touch -d 2001-02-03T04:05:06Z tree/sub/f
	check 'a tree moves across file systems' "mv tree $other && ls tree 2>/dev/null; ls -R $other" \
		"$other:
l
sub

$other/sub:
f"
	check 'with times and links kept' "stat -c %Y $other/sub/f && set -- \$(ls -l $other/l) && printf %s \"\${11}\"" \
		'981173106
sub/f'
	check 'and back' "mv $other back && ls back" 'l
sub'
	rm -rf "$other"
else
	skip 'across file systems' 'no second file system here'
fi
