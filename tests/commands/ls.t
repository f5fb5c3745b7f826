# ls: order, hidden names, -a -A -d -F -p -R -r -t -S, layouts -1 -C -x, the
# long format (modes with setuid/setgid/sticky, owners, sizes, times,
# symbolic links), -i -s -h -n -L, and errors.
umask 022
TZ=UTC0
export TZ

mkdir s s/dir
touch s/b s/a s/C s/_x s/.hid
check 'names sorted by byte value, dot files hidden' 'ls s' 'C
_x
a
b
dir'
check '-a adds dot files, . and ..' 'ls -a s' '.
..
.hid
C
_x
a
b
dir'
check '-A adds dot files but . and ..' 'ls -A s' '.hid
C
_x
a
b
dir'
check '-r reverses' 'ls -r s' 'dir
b
a
_x
C'
check '-d lists directories themselves' 'ls -d s/dir s/a s' 's
s/a
s/dir'
check 'files first, then directories with headers' 'ls s/dir s/a s/b' 's/a
s/b

s/dir:'
check 'several directories get headers and a blank line between' 'mkdir h1 h2 && touch h1/x h2/y && ls h2 h1' 'h1:
x

h2:
y'

mkdir f
touch f/plain
mkdir f/sub
cp "$B/true" f/exe
ln -s plain f/link
check '-F marks directories, executables and links' 'ls -F f' 'exe*
link@
plain
sub/'
check '-p marks only directories' 'ls -p f' 'exe
link
plain
sub/'

mkdir c
touch c/one c/two c/three c/four c/five c/six c/seven
check '-C fills columns down within COLUMNS' 'COLUMNS=20 ls -C c' 'five  seven  two
four  six
one   three'
check '-x fills rows across' 'COLUMNS=20 ls -x c' 'five   four  one
seven  six   three
two'
check '-C uses one line when it fits' 'COLUMNS=80 ls -C c' 'five  four  one  seven  six  three  two'
check '-1 after -C wins' 'COLUMNS=80 ls -C -1 c/one c/two' 'c/one
c/two'

mkdir r r/sub r/sub/deeper
touch r/a r/sub/b r/sub/deeper/c
check '-R lists subdirectories depth first' 'ls -R r' 'r:
a
sub

r/sub:
b
deeper

r/sub/deeper:
c'

mkdir t
touch -d 2001-01-01T00:00:00Z t/old
touch -d 2003-01-01T00:00:00Z t/new
touch -d 2002-01-01T00:00:00Z t/mid
check '-t sorts newest first' 'ls -t t' 'new
mid
old'
check '-tr sorts oldest first' 'ls -tr t' 'old
mid
new'

mkdir z
printf 1 > z/small
printf 12345 > z/big
printf 123 > z/middle
check '-S sorts largest first' 'ls -S z' 'big
middle
small'

mkdir l
printf 'hello\n' > l/f
touch -d 2001-02-03T04:05:06Z l/f
ln -s f l/lnk
if [ "$(stat -c %u l/f)" = 0 ]; then
	check '-l: mode, links, owner and group names, size, old date' 'ls -l l/f' \
		'-rw-r--r-- 1 root root 6 Feb  3  2001 l/f'
	check '-n: numeric owner and group' 'ls -n l/f' '-rw-r--r-- 1 0 0 6 Feb  3  2001 l/f'
else
	skip '-l owner names' 'not running as root'
fi
check '-l shows a symbolic link and its target' \
	'set -- $(ls -l l/lnk); printf "%s %s %s %s %s" "$1" "$5" "$9" "${10}" "${11}"' \
	'lrwxrwxrwx 1 l/lnk -> f'
check '-lF marks the link target, not the link' \
	'mkdir l/d2 && ln -s d2 l/dl && set -- $(ls -lF l/dl); printf "%s %s %s" "$9" "${10}" "${11}"' \
	'l/dl -> d2/'
check '-L describes what a link points to' 'set -- $(ls -lL l/lnk); printf "%s %s" "$1" "$5"' \
	'-rw-r--r-- 6'
check 'a link to a directory as operand is followed' 'ln -s r r2 && ls r2' 'a
sub'
check 'but not with -l' 'set -- $(ls -l r2); printf %s "$1"' 'lrwxrwxrwx'
check 'a dangling link is listed' 'ln -s nowhere dang && ls dang' 'dang'
check 'a recent time is shown as HH:MM' \
	'touch l/now; case $(ls -l l/now) in *" "[0-2][0-9]:[0-5][0-9]" l/now") printf ok;; *) ls -l l/now;; esac' 'ok'
check 'a future time is shown with its year' 'touch -d 2100-01-01T00:00:00Z l/fut; set -- $(ls -l l/fut); printf "%s %s %s" "$6" "$7" "$8"' \
	'Jan 1 2100'
check 'the date columns are "Mon DD  YYYY"' 'touch -d 2001-02-13T00:00:00Z l/f2; ls -l l/f2 | while read -r a b c d e date; do printf "%s" "$date"; done' \
	'Feb 13  2001 l/f2'

mkdir m
mkdir -m 4755 m/su
mkdir -m 2750 m/sg
mkdir -m 1777 m/st
mkdir -m 1776 m/sT
mkdir -m 6644 m/SS
mkdir -m 0 m/none
(umask 077 && touch m/private)
(umask 0 && touch m/open)
check '-l permission strings with s S t T' \
	'ls -l m | while read -r mode x x x x x x x name; do printf "%s %s\n" "$mode" "$name"; done' \
	'total 
drwSr-Sr-- SS
d--------- none
-rw-rw-rw- open
-rw------- private
drwxrwxrwT sT
drwxr-s--- sg
drwxrwxrwt st
drwsr-xr-x su'

check '-i shows the inode number' 'ls -i l/f' "$(stat -c %i l/f) l/f"
check '-s shows KiB blocks' 'ls -s l/f' "$((($(stat -c %b l/f) + 1) / 2)) l/f"
# Files of any size from powers of two: p0 is 1 byte, p13 8 KiB.
printf x > p0
i=0
while [ $i -lt 17 ]; do cat p$i p$i > p$((i + 1)); i=$((i + 1)); done
mk() {
	: > "$2"
	t_n=$1
	t_i=17
	while [ $t_i -ge 0 ]; do
		if [ $t_n -ge $((1 << t_i)) ]; then
			cat "p$t_i" >> "$2"
			t_n=$((t_n - (1 << t_i)))
		fi
		t_i=$((t_i - 1))
	done
}
for n in 1023 1024 1025 1536 10239 10240 131072 200000; do mk $n h$n; done
hsize() { set -- $(ls -lh "$1"); printf %s "$5"; }
check '-lh: sizes below 1024 as they are' 'hsize h1023' '1023'
check '-lh: 1024 is 1.0K' 'hsize h1024' '1.0K'
check '-lh: rounds up (1025 is 1.1K)' 'hsize h1025' '1.1K'
check '-lh: 1536 is 1.5K' 'hsize h1536' '1.5K'
check '-lh: 10239 rounds up to 10K' 'hsize h10239' '10K'
check '-lh: 10240 is 10K' 'hsize h10240' '10K'
check '-lh: 131072 is 128K' 'hsize h131072' '128K'
check '-lh: 200000 is 196K' 'hsize h200000' '196K'
check 'mk made the sizes' 'stat -c %s h10239 h200000' '10239
200000'
check '-l: total counts KiB blocks' 'mkdir tot && cp h131072 tot/ && set -- $(ls -l tot); printf "%s %s" "$1" "$2"' \
	"total $((($(stat -c %b h131072) + 1) / 2))"

check_err 'a missing operand is an error, status 2' 'ls nope' 'ls: nope: No such file or directory' 2
check 'the others are still listed' 'ls nope s/a 2>/dev/null; printf " %s" $?' 's/a
 2'
check_err 'an unknown option is a usage error' 'ls -Q' "ls: invalid option -- 'Q'
Try 'ls --help' for more information." 2
check '--help names it' 'ls --help | while read -r l; do printf "%s\n" "$l"; break; done' 'NAME'
