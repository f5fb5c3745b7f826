# eval, exec, command, type, hash, umask, times, alias, getopts, true/false, :.
check 'eval' 'eval "x=1; echo \$x"' '1'
check 'eval joins arguments' 'eval echo a  b' 'a b'
check 'eval status' 'eval false; echo $?; eval; echo $?' '1
0'
check 'eval syntax error' 'eval "if"; echo no' '' 2 'sh: 1: syntax error: end of file unexpected (expecting "then")'
check 'eval in a loop defines functions' 'for i in 1 2; do eval "f$i() { echo fn$i; }"; done; f1; f2' 'fn1
fn2'
check 'exec replaces the shell' 'exec echo replaced; echo never' 'replaced'
check 'exec of a missing command' 'exec nope; echo never' '' 127 'sh: 1: exec: nope: not found'
check 'exec in a subshell' '(exec echo sub); echo after' 'sub
after'
check 'command runs builtins' 'command echo hi' 'hi'
check 'command -v builtin' 'command -v echo' 'echo'
check 'command -v function' 'f() { :; }; command -v f' 'f'
check 'command -v external' 'command -v sh | grep -c /sh$' '1'
check 'command -v keyword' 'command -v if' 'if'
check 'command -v missing' 'command -v nope; echo $?' '1'
check 'command keeps special builtin errors from exiting' 'command shift 5; echo still $?' 'still 2' 0 "sh: 1: shift: can't shift that many"
check 'command -V' 'command -V cd' 'cd is a shell builtin'
check 'type' 'f() { :; }; type f; type :; type while' 'f is a shell function
: is a special shell builtin
while is a shell keyword'
check 'type of a command' 'type sh | grep -c "^sh is /"' '1'
check 'type of a missing name' 'type nope; echo $?' '1' 0 'sh: 1: nope: not found'
check 'hash' 'hash sh; echo $?; hash nope; echo $?; hash -r' '0
1' 0 'sh: 1: hash: nope: not found'
check 'umask' 'umask 027; umask' '0027'
check 'umask -S' 'umask 022; umask -S' 'u=rwx,g=rx,o=rx'
check 'umask symbolic' 'umask 077; umask g+rx; umask' '0027'
check 'umask affects new files' 'umask 077; touch f; ls -l f | cut -c1-10' '-rw-------'
check 'times' 'times | wc -l | tr -d " "' '2'
check 'true and false' 'true; echo $?; false; echo $?' '0
1'
check 'colon' ': ignored args; echo $?' '0'
check 'alias' 'alias ll="echo listing"
ll' 'listing'
check 'alias listing' "alias a1='echo 1' a2=two; alias" "a1='echo 1'
a2=two"
check 'unalias' 'alias x=echo; unalias x; alias x; echo $?' '1' 0 'sh: 1: alias: x: not found'
check 'alias is not recursive' 'alias echo="echo again"
echo once' 'again once'
check 'getopts' 'set -- -a -b val rest; while getopts ab: o; do echo "$o=${OPTARG-}"; done; shift $((OPTIND-1)); echo "$*"' 'a=
b=val
rest'
check 'getopts grouped options' 'set -- -ab -c arg; while getopts abc: o; do echo "$o${OPTARG-}"; done' 'a
b
carg'
check 'getopts unknown option' 'set -- -x; getopts a o; echo "$o"' '?' 0 'sh: 1: illegal option -- x'
check 'getopts silent mode' 'set -- -x -a; getopts :a o; echo "$o $OPTARG"; getopts :a o; echo "$o"' '? x
a'
check 'getopts missing argument' 'set -- -a; getopts :a: o; echo "$o $OPTARG"' ': a'
check 'getopts stops at --' 'set -- -a -- -b; while getopts ab o; do echo $o; done; echo $OPTIND' 'a
3'
check 'getopts with arguments given' 'getopts x: o -x val; echo $o $OPTARG' 'x val'
check 'getopts reset with OPTIND' 'set -- -a; getopts a o; OPTIND=1; getopts a o; echo $o $OPTIND' 'a 2'
