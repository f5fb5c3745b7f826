# pwd: -L and -P, $PWD's rules, errors.
mkdir real
ln -s real link
here=$("$B/pwd" -P)
check 'writes the working directory' 'cd real && pwd -P' "$here/real"
check '-L writes $PWD when it names the directory' 'cd real && PWD=$here/link pwd -L' "$here/link"
check 'without options too' 'cd real && PWD=$here/link pwd' "$here/link"
check '-P resolves the link' 'cd real && PWD=$here/link pwd -P' "$here/real"
check 'a $PWD naming another directory is ignored' 'cd real && PWD=$here pwd' "$here/real"
check 'a $PWD with . or .. is ignored' 'cd real && PWD=$here/./real pwd && PWD=$here/real/../real pwd' "$here/real
$here/real"
check 'a relative $PWD is ignored' 'cd real && PWD=real pwd' "$here/real"
check 'the last of -L and -P counts' 'cd real && PWD=$here/link pwd -P -L' "$here/link"
check_err 'an operand is a usage error' 'pwd x' "pwd: extra operand 'x'
Try 'pwd --help' for more information." 2
check_err 'an unknown option is a usage error' 'pwd -x' "pwd: invalid option -- 'x'
Try 'pwd --help' for more information." 2
check '-P resolves a link the shell went through' 'cd link && pwd -P' "$here/real"
