# Pipelines and their exit status.
check 'two commands' 'echo hello | tr a-z A-Z' 'HELLO'
check 'three commands' 'printf "c\nb\na\n" | sort | head -n 1' 'a'
check 'status is the last command''s' 'false | true; echo $?; true | false; echo $?' '0
1'
check 'pipefail' 'set -o pipefail; false | true; echo $?' '1'
check 'negation' '! false; echo $?; ! true; echo $?' '0
1'
check 'negated pipeline' '! echo x | false; echo $?' '0'
check 'builtins in pipelines run in subshells' 'x=1; echo 2 | read x; echo $x' '1'
check 'while read in a pipeline' 'printf "a\nb\n" | while read l; do echo "<$l>"; done' '<a>
<b>'
check 'pipeline with a group' '{ echo a; echo b; } | wc -l | tr -d " "' '2'
check 'pipeline into a group' 'echo in | { read x; echo got $x; }' 'got in'
check 'stderr is not piped' '{ echo out; echo err >&2; } | tr a-z A-Z' 'OUT' 0 'err'
check '2>&1 through a pipe' '{ echo err >&2; } 2>&1 | tr a-z A-Z' 'ERR'
check 'newline after a pipe' 'echo x |
tr x y' 'y'
check 'long pipeline' 'echo 1 | cat | cat | cat | cat | cat | cat | cat' '1'
check 'reader exits early' 'i=0; while [ $i -lt 2000 ]; do echo $i; i=$((i+1)); done | head -n 2' '0
1'
check 'not found in a pipeline' 'nope | echo after; echo $?' 'after
0' 0 'sh: 1: nope: not found'
