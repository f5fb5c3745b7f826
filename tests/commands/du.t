# du: totals from st_blocks in KiB, -a -s -c -h -k -x, hard links counted
# once, symbolic links not followed, errors. The expected figures are
# computed from stat's block counts, so they hold on any file system.
kib() {
	t_sum=0
	for t_p in "$@"; do t_sum=$((t_sum + $(stat -c %b "$t_p"))); done
	printf %s $(((t_sum + 1) / 2))
}
mkdir -p d/s
printf x > f1
i=0
while [ $i -lt 17 ]; do cat f1 f1 > t && mv t f1; i=$((i + 1)); done
mv f1 d/f
printf small > d/s/g
ln -s / d/root
all='d d/f d/s d/s/g d/root'
check 'a directory and its subdirectories, innermost first' 'du d' \
	"$(kib d/s d/s/g)	d/s
$(kib $all)	d"
check '-a lists files too' 'du -a d' "$(kib d/f)	d/f
$(kib d/root)	d/root
$(kib d/s/g)	d/s/g
$(kib d/s d/s/g)	d/s
$(kib $all)	d"
check '-s only the total' 'du -s d' "$(kib $all)	d"
check '-k is the default unit' 'du -sk d' "$(kib $all)	d"
check 'a file operand is listed' 'du d/f' "$(kib d/f)	d/f"
check 'a hard link is counted once' 'ln d/f d/f2 && du -s d' "$(kib $all)	d"
check '-c adds a total' 'du -c d/f d/s/g' "$(kib d/f)	d/f
$(kib d/s/g)	d/s/g
$(kib d/f d/s/g)	total"
check 'no operand is the working directory' 'cd d/s && du' "$(kib d/s d/s/g)	."
check '-h writes sizes for people' 'du -h d/f' "$(($(stat -c %b d/f) / 2))K	d/f"
check '-x stays on one file system' 'du -sx d' "$(kib $all)	d"
check_err 'a missing file is reported' 'du nope' 'du: nope: No such file or directory' 1
check 'the others are still measured, status 1' 'du -s nope d 2>/dev/null; printf "%s" $?' "$(kib $all)	d
1"
check_err '-a and -s together are a usage error' 'du -as d' "du: -a and -s cannot be used together
Try 'du --help' for more information." 2
