# cp: files, into directories, -R trees, symbolic links (-P -L -H), -p, -f,
# -i, and errors.
umask 022
TZ=UTC0
export TZ
mode() { set -- $(ls -ld "$1"); printf %s "$1"; }
printf 'data\n' > f
check 'copies a file' 'cp f g && cat g' 'data'
check 'overwrites an existing file' 'printf "other stuff\n" > g && cp f g && cat g' 'data'
check 'copies into a directory' 'mkdir d && cp f g d && ls d' 'f
g'
check 'a trailing slash on the directory is fine' 'mkdir d2 && cp f d2/ && ls d2' 'f'
check 'a new copy gets the source mode less the umask' \
	'cp "$B/true" exe && (umask 077 && cp exe exe2) && mode exe2' '-rwx------'
check 'an existing target keeps its mode' 'cp f exe2 && mode exe2' '-rwx------'
check '-p keeps the mode and times' \
	'touch -d 2001-02-03T04:05:06Z f && (umask 077 && cp -p f fp) && stat -c "%A %Y" fp' \
	'-rw-r--r-- 981173106'
check 'without -p the time is not copied' 'cp f fn && test "$(stat -c %Y fn)" != 981173106 && printf new' 'new'
check_err 'a directory needs -R' 'cp d e' 'cp: d: Is a directory (not copied without -R)' 1
check '-R copies a tree' 'mkdir -p t/a/b && printf x > t/a/b/x && printf y > t/y && cp -R t t2 && ls -R t2' 't2:
a
y

t2/a:
b

t2/a/b:
x'
check '-r is -R' 'cp -r t t3 && cat t3/a/b/x t3/y' 'xy'
check '-R into an existing directory makes a subdirectory' 'mkdir into && cp -R t into && ls into' 't'
check '-R copies symbolic links as links (-P)' 'ln -s y t/ly && cp -R t t4 && set -- $(ls -l t4/ly); printf "%s %s" "$1" "${11}"' \
	'lrwxrwxrwx y'
check '-RL follows them' 'cp -RL t t5 && set -- $(ls -l t5/ly); printf "%s %s" "$1" "$5"' '-rw-r--r-- 1'
check '-RH follows an operand link only' 'ln -s t tl && cp -RH tl t6 && set -- $(ls -ld t6 t6/ly); printf "%s %s" "$1" "${10}"' \
	'drwxr-xr-x lrwxrwxrwx'
check 'without -R links are followed' 'cp t/ly plain && mode plain' '-rw-r--r--'
check_err 'a directory is not copied into itself' 'cp -R t t/sub' 'cp: t/sub: cannot copy a directory into itself' 1
check_err 'a file is not copied onto itself' 'cp f ./f' "cp: 'f' and './f' are the same file" 1
check_err 'a missing source is reported' 'cp nope x' 'cp: nope: No such file or directory' 1
check 'the others are still copied, status 1' 'mkdir d3 && cp nope f d3 2>/dev/null; printf "%s " $?; ls d3' '1 f'
check_err 'several sources need a directory' 'cp f g h' 'cp: h: Not a directory' 1
check_err 'a directory cannot replace a file' 'cp -R t f' 'cp: f: cannot overwrite a non-directory with directory t' 1
check '-i asks, and "n" keeps the target' 'printf "keep\n" > k && printf "n\n" | cp -i f k 2>/dev/null; cat k' 'keep'
check_err '-i asks on standard error' 'printf "y\n" | cp -i f k' "cp: overwrite 'k'? " 0
check '"y" overwrote it' 'cat k' 'data'
check '-v says what it copies' 'cp -v f v' "'f' -> 'v'"
check_err 'one operand is a usage error' 'cp f' "cp: missing destination file operand after 'f'
Try 'cp --help' for more information." 2
check_err 'no operand is a usage error' 'cp' "cp: missing file operand
Try 'cp --help' for more information." 2
