# Subshells and groups.
check 'subshell variables do not leak' 'x=1; (x=2; echo $x); echo $x' '2
1'
check 'subshell cd does not leak' 'cd /; (cd /tmp); pwd' '/'
check 'subshell exit status' '(exit 5); echo $?' '5'
check 'exit only leaves the subshell' '(exit 1); echo still' 'still'
check 'group runs in the shell' 'x=1; { x=2; }; echo $x' '2'
check 'group needs the closing brace' '{ echo a' '' 2 'sh: 1: syntax error: end of file unexpected (expecting "}")'
check 'brace must be a word' '{echo a; }' '' 2 'sh: 1: syntax error: "}" unexpected'
check 'nested subshells' '( ( (echo deep) ) )' 'deep'
check 'group status' '{ false; }; echo $?' '1'
check 'subshell on one line with ;' '(echo a; echo b)' 'a
b'
check 'group with newlines' '{
echo a
echo b
}' 'a
b'
check 'subshell trap is reset' 'trap "echo trap" EXIT; (echo sub); trap - EXIT' 'sub'
check '$( ) inside ( )' '(echo $(echo x))' 'x'
