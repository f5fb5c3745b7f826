# cd and pwd.
mkdir -p "$T_DIR/a/b" "$T_DIR/c"
check 'cd and pwd' 'cd a/b && pwd' "$T_DIR/a/b"
check 'cd sets PWD and OLDPWD' 'cd a; echo $PWD; echo $OLDPWD' "$T_DIR/a
$T_DIR"
check 'cd - goes back and prints' 'cd a; cd -; pwd' "$T_DIR
$T_DIR"
check 'cd without arguments goes home' 'HOME=$PWD/c; cd; pwd' "$T_DIR/c"
check 'cd .. is logical' 'cd a/b/..; pwd' "$T_DIR/a"
check 'cd to a missing directory' 'cd /nope; echo $?' '1' 0 'sh: 1: cd: /nope: No such file or directory'
check 'cd to a file' 'touch f; cd f; echo $?' '1' 0 'sh: 1: cd: f: Not a directory'
check 'cd with HOME unset' 'unset HOME; cd; echo $?' '1' 0 'sh: 1: cd: HOME not set'
check 'CDPATH' 'CDPATH=$PWD/a; cd b; pwd' "$T_DIR/a/b
$T_DIR/a/b"
check 'CDPATH is not used for ./' 'CDPATH=$PWD/a; cd ./c; pwd' "$T_DIR/c"
check 'cd -P' 'ln -s a/b link; cd -P link; pwd' "$T_DIR/a/b"
check 'cd -L keeps the link' 'ln -s a/b link2; cd link2; pwd' "$T_DIR/link2"
check 'pwd -P resolves links' 'ln -s a/b link3; cd link3; pwd -P' "$T_DIR/a/b"
check 'pwd ignores a wrong PWD' 'PWD=/somewhere; pwd' "$T_DIR"
check 'cd affects children' 'cd a; sh -c pwd' "$T_DIR/a"
check 'too many arguments' 'cd a b; echo $?' '2' 0 'sh: 1: usage: cd [-L|-P] [directory]'
