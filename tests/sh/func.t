# Functions.
check 'define and call' 'f() { echo called; }; f' 'called'
check 'arguments' 'f() { echo $# $1 $2; }; f a "b c"' '2 a b c'
check 'arguments are restored' 'set -- outer; f() { echo $1; }; f inner; echo $1' 'inner
outer'
check 'return status' 'f() { return 3; }; f; echo $?' '3'
check 'return without a value' 'f() { false; return; }; f; echo $?' '1'
check 'status of the last command' 'f() { false; }; f; echo $?' '1'
check 'return stops the function' 'f() { echo a; return; echo b; }; f' 'a'
check 'return from inside a loop' 'f() { for i in 1 2 3; do [ $i = 2 ] && return $i; echo $i; done; }; f; echo $?' '1
2'
check 'variables are global' 'f() { x=inside; }; f; echo $x' 'inside'
check 'local' 'x=g; f() { local x=l; echo $x; }; f; echo $x' 'l
g'
check 'local without a value keeps it' 'x=g; f() { local x; echo "[$x]"; x=changed; }; f; echo $x' '[g]
g'
check 'local outside a function' 'local x' '' 1 'sh: 1: local: not in a function'
check 'recursion' 'fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1 - 1))) )); fi; }; fact 6' '720'
check 'redefinition' 'f() { echo one; }; f() { echo two; }; f' 'two'
check 'functions override commands' 'ls() { echo mine; }; ls' 'mine'
check 'command skips functions' 'echo() { printf "fn\n"; }; command echo builtin' 'builtin'
check 'unset -f' 'f() { echo x; }; unset -f f; f' '' 127 'sh: 1: f: not found'
check 'assignment before a call is local' 'x=1; f() { echo $x; }; x=2 f; echo $x' '2
1'
check 'assignment before a call is exported' 'f() { sh -c "echo \$V"; }; V=exported f' 'exported'
check 'body can be any compound command' 'f() ( echo subshell body ); f; g() if true; then echo if body; fi; g' 'subshell body
if body'
check '$0 is not changed' "\"\$SH\" -c 'f() { echo \$0; }; f' name" 'name'
check 'function defined in a function' 'outer() { inner() { echo inner; }; }; outer; inner' 'inner'
check 'redefining while running' 'f() { f() { echo new; }; echo old; }; f; f' 'old
new'
check 'bad function name' '1f() { :; }' '' 2 'sh: 1: syntax error: bad function name'
check 'break does not leave the function' 'f() { break; echo after; }; for i in 1; do f; echo loop; done' 'after
loop'
check 'function in a pipeline' 'f() { echo piped; }; f | tr a-z A-Z' 'PIPED'
check 'deep recursion' 'f() { [ $1 -gt 0 ] && f $(($1 - 1)); return 0; }; f 200; echo ok' 'ok'
