# which: PATH search, -a, names with a slash, empty PATH entries, errors.
mkdir b1 b2
cp "$B/true" b1/prog
cp "$B/true" b2/prog
printf 'not a program\n' > b2/plain
mkdir b1/dir
here=$("$B/pwd" -P)
check 'finds the first match in PATH' 'PATH=$here/b1:$here/b2 "$B/which" prog' "$here/b1/prog"
check '-a finds every match' 'PATH=$here/b1:$here/b2 "$B/which" -a prog' "$here/b1/prog
$here/b2/prog"
check 'several names' 'PATH=$here/b1:$here/b2 "$B/which" prog prog' "$here/b1/prog
$here/b1/prog"
check 'finds the commands under test' 'which ls' "$B/ls"
check 'an empty PATH entry is the working directory' 'cd b1 && PATH=:$here/b2 "$B/which" prog' './prog'
check 'a file that is not executable is skipped' 'PATH=$here/b2 "$B/which" plain; printf %s $?' '1'
check 'a directory is skipped' 'PATH=$here/b1 "$B/which" dir; printf %s $?' '1'
check 'a name with a slash is checked as it is' 'which b1/prog' 'b1/prog'
check_err 'a missing name is reported, status 1' 'PATH=$here/b1 "$B/which" nope' 'which: nope: not found in PATH' 1
check 'the found ones are still written' 'PATH=$here/b1 "$B/which" nope prog 2>/dev/null; printf "%s" $?' "$here/b1/prog
1"
check_err 'a missing path is reported' 'which ./nope' 'which: ./nope: not an executable file' 1
check_err 'no operand is a usage error' 'which' "which: missing operand
Try 'which --help' for more information." 2
