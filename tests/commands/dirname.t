# dirname: POSIX's rules, several operands, errors.
check 'the directory part' 'dirname /usr/lib/libc.a' '/usr/lib'
check 'trailing slashes are dropped first' 'dirname /usr/lib/' '/usr'
check 'doubled slashes before the name go' 'dirname a//b' 'a'
check 'a plain name is in .' 'dirname name' '.'
check 'a name under the root' 'dirname /name' '/'
check 'the root is /' 'dirname /' '/'
check 'slashes only are /' 'dirname ///' '/'
check 'the empty string is .' 'dirname ""' '.'
check 'a relative path' 'dirname a/b/' 'a'
check 'several operands, one line each' 'dirname a/b c /d/e' 'a
.
/d'
check '-- ends options' 'dirname -- -x/y' '-x'
check_err 'no operand is a usage error' 'dirname' "dirname: missing operand
Try 'dirname --help' for more information." 2
