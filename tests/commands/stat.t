# stat: the default layout, -c formats, -L, errors.
umask 022
TZ=UTC0
export TZ
printf 'hello\n' > f
touch -d 2001-02-03T04:05:06.5Z f
ln -s f l
mkdir -m 1755 d
check 'the default layout' 'stat f | while read -r a b; do printf "%s\n" "$a"; done' 'File:
Size:
Device:
Access:
Access:
Modify:
Change:'
check 'the File line' 'stat f | while read -r a b; do printf "%s\n" "$b"; break; done' "'f'"
check 'the Size line ends with the type' 'set -- $(stat f | while read -r x; do case $x in Size:*) printf "%s\n" "$x";; esac; done); printf "%s %s %s %s %s" "$1" "$2" "$3" "$8" "$9"' \
	'Size: 6 Blocks: regular file'
check 'the Access line: octal and ls mode, owner ids' 'stat f | while read -r x; do case $x in "Access: ("*) printf "%s\n" "$x";; esac; done' \
	"$(printf 'Access: (0644/-rw-r--r--)  Uid: (%5s/%8s)   Gid: (%5s/%8s)' "$(stat -c %u f)" \
		"$(stat -c %U f)" "$(stat -c %g f)" "$(stat -c %G f)")"
check 'the Modify line: local time with nanoseconds and zone' 'stat f | while read -r a b; do [ "$a" = Modify: ] && printf "%s" "$b"; done; :' \
	'2001-02-03 04:05:06.500000000 +0000'
check 'a link is described itself, with its target' 'stat l | while read -r a b; do printf "%s" "$b"; break; done' "'l' -> 'f'"
check '-c %n %s %a %A %F' 'stat -c "%n %s %a %A %F" f d l' 'f 6 644 -rw-r--r-- regular file
d '"$(stat -c %s d)"' 1755 drwxr-xr-t directory
l 1 777 lrwxrwxrwx symbolic link'
check '-c %Y %X' 'stat -c "%Y %X" f' '981173106 981173106'
check '-c %i %h match ls' 'ln f f2 && stat -c "%i %h" f' "$(ls -i f | while read -r i n; do printf %s "$i"; done) 2"
check '-c %u %g %U %G' 'stat -c "%u %g" f' "$(ls -n f | while read -r m n u g r; do printf '%s %s' "$u" "$g"; done)"
check '-c %U %G are names as ls shows them' 'stat -c "%U %G" f' "$(ls -l f | while read -r m n u g r; do printf '%s %s' "$u" "$g"; done)"
check '-c %% and text' 'stat -c "100%% of %n" f' '100% of f'
check '-L follows links' 'stat -L -c "%n %F %s" l' 'l regular file 6'
check '-c %N shows the link target' 'stat -c %N l' "'l' -> 'f'"
check 'empty files are named so' 'touch e && stat -c %F e' 'regular empty file'
check_err 'a missing file is reported' 'stat nope' 'stat: nope: No such file or directory' 1
check 'the others are still described, status 1' 'stat -c %n nope f 2>/dev/null; printf "%s" $?' 'f
1'
check_err 'no operand is a usage error' 'stat' "stat: missing operand
Try 'stat --help' for more information." 2
