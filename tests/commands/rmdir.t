# rmdir: empty directories, -p, errors.
check 'removes an empty directory' 'mkdir d && rmdir d && ls' ''
check 'a trailing slash is fine' 'mkdir d && rmdir d/ && ls' ''
check_err 'a directory with something in it stays' 'mkdir full && touch full/x && rmdir full' \
	'rmdir: full: Directory not empty' 1
check_err 'a file is not a directory' 'touch f && rmdir f' 'rmdir: f: Not a directory' 1
check_err 'a missing name is reported' 'rmdir nope' 'rmdir: nope: No such file or directory' 1
check 'the others are still removed, status 1' 'mkdir e && rmdir nope e 2>/dev/null; printf "%s " $?; ls' '1 f
full'
check '-p removes the parents named' 'mkdir -p a/b/c && rmdir -p a/b/c && ls' 'f
full'
check_err '-p stops at a parent that is not empty' 'mkdir -p x/y/z && touch x/keep && rmdir -p x/y/z' \
	'rmdir: x: Directory not empty' 1
check 'and has removed the ones below it' 'ls x' 'keep'
check_err 'no operand is a usage error' 'rmdir' "rmdir: missing operand
Try 'rmdir --help' for more information." 2
