# Redirections.
check 'output to a file' 'echo hi > f; cat f' 'hi'
check 'append' 'echo a > f; echo b >> f; cat f' 'a
b'
check 'truncate' 'echo long > f; echo s > f; cat f' 's'
check 'input from a file' 'echo data > f; cat < f' 'data'
check 'stderr to a file' 'ls /nonexistent-dir 2> e; echo $?; test -s e && echo has-error' '2
has-error'
check 'stderr to stdout' 'x=$( { echo out; echo err >&2; } 2>&1 ); echo "$x"' 'out
err'
check 'order matters' '{ echo err >&2; } 2>&1 >f; cat f' 'err'
check 'order matters the other way' '{ echo err >&2; } >f 2>&1; cat f' 'err'
check 'redirections go left to right' 'echo three >&3 3>f; echo $?' '1' 0 'sh: 1: 3: Bad file descriptor'
check 'open fd 3' 'exec 3>f; echo via3 >&3; exec 3>&-; cat f' 'via3'
check 'read fd' 'echo line > f; exec 4<f; read x <&4; echo $x' 'line'
check 'read and write <>' 'echo abc > f; cat <> f' 'abc'
check 'close stdout' 'echo x >&-; echo $?' '1' 0 'echo: write error: Bad file descriptor'
check 'redirection before the command' '> f echo first; cat f' 'first'
check 'redirection in the middle' 'echo a > f b; cat f' 'a b'
check 'redirection of a group' '{ echo 1; echo 2; } > f; cat f' '1
2'
check 'redirection of a loop' 'for i in 1 2; do echo $i; done > f; cat f' '1
2'
check 'redirection of a subshell' '(echo sub) > f; cat f' 'sub'
check 'redirection of a function call' 'f() { echo func; }; f > out; cat out' 'func'
check 'redirection on a function definition' 'f() { echo body; } > out; f; f; cat out' 'body'
check 'builtin redirection is undone' 'echo a > f; echo b; cat f' 'b
a'
check 'missing input file' 'cat < nofile; echo $?' '1' 0 'sh: 1: nofile: No such file or directory'
check 'missing directory' 'echo x > nodir/f; echo $?' '1' 0 'sh: 1: nodir/f: No such file or directory'
check 'noclobber' 'echo a > f; set -C; echo b > f; echo $?; cat f' '1
a' 0 'sh: 1: f: cannot overwrite existing file'
check 'noclobber override' 'echo a > f; set -C; echo b >| f; cat f' 'b'
check 'noclobber allows new files' 'set -C; echo new > g; cat g' 'new'
check 'target is expanded' 'n=file; echo x > $n.txt; cat file.txt' 'x'
check 'target is not split' 'n="a b"; echo x > $n; cat "a b"' 'x'
check 'duplicate onto itself' 'echo same 1>&1' 'same'
check 'redirect a special builtin error exits' ': > nodir/x; echo after' '' 2 'sh: 1: nodir/x: No such file or directory'
check 'redirect error on a compound command does not exit' '{ echo x; } > nodir/x; echo after' 'after' 0 'sh: 1: nodir/x: No such file or directory'
check 'exec redirections persist' 'exec > f; echo into-f; exec >&2; cat f >&2' '' 0 'into-f'
check 'stdin of a not found command' 'nope < nofile; echo $?' '1' 0 'sh: 1: nofile: No such file or directory'
check 'not found error can be redirected' 'nope 2> e; echo $?; cat e' '127
sh: 1: nope: not found'
check 'bad fd number' 'echo x >&foo; echo $?' '1' 0 'sh: 1: foo: bad file descriptor number'
check 'large fd numbers' 'exec 19>f; echo big >&19; exec 19>&-; cat f' 'big'
