# basename: POSIX's rules, suffixes, -a -s, errors.
check 'the last component' 'basename /usr/lib/libc.a' 'libc.a'
check 'trailing slashes are dropped' 'basename /usr/lib//' 'lib'
check 'a plain name is itself' 'basename name' 'name'
check 'the root is /' 'basename /' '/'
check 'slashes only are /' 'basename ///' '/'
check 'the empty string is empty' 'basename ""' ''
check 'a suffix is removed' 'basename dir/prog.c .c' 'prog'
check 'a suffix equal to the name is kept' 'basename .c .c' '.c'
check 'a suffix that does not match is ignored' 'basename prog.c .h' 'prog.c'
check 'the suffix is removed after the slashes' 'basename dir/prog.c/ .c' 'prog'
check '-- ends options' 'basename -- -x' '-x'
check '-a takes several names' 'basename -a a/b c/d/' 'b
d'
check '-s removes a suffix from each' 'basename -s .c a.c dir/b.c' 'a
b'
check_err 'no operand is a usage error' 'basename' "basename: missing operand
Try 'basename --help' for more information." 2
check_err 'three operands are a usage error' 'basename a b c' "basename: extra operand 'c'
Try 'basename --help' for more information." 2
