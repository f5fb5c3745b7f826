# for, while, until, break, continue.
check 'for over words' 'for i in a b c; do echo $i; done' 'a
b
c'
check 'for over nothing' 'for i in; do echo x; done; echo end' 'end'
check 'for over "$@"' 'set -- "a b" c; for i; do echo "[$i]"; done' '[a b]
[c]'
check 'for x; do' 'set -- p q; for i; do echo $i; done' 'p
q'
check 'for with newlines' 'for i in 1 2
do
echo $i
done' '1
2'
check 'for variable stays set' 'for i in 1 2; do :; done; echo $i' '2'
check 'while' 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done' '0
1
2'
check 'until' 'i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done' '0
1'
check 'break' 'for i in 1 2 3; do [ $i = 2 ] && break; echo $i; done' '1'
check 'continue' 'for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done' '1
3'
check 'break 2' 'for i in 1 2; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done; echo end' '1a
end'
check 'continue 2' 'for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; echo never; done' '1a
2a'
check 'break too many levels' 'for i in 1 2; do break 5; done; echo $i' '1'
check 'break outside a loop' 'break; echo after' 'after'
check 'loop status is the last body''s' 'for i in 1; do false; done; echo $?' '1'
check 'loop that never runs has status 0' 'false; while false; do :; done; echo $?' '0'
check 'while condition status does not count' 'i=0; while [ $i -lt 1 ]; do i=1; done; echo $?' '0'
check 'nested loops' 'for i in 1 2; do j=0; while [ $j -lt $i ]; do printf "%s" $i; j=$((j+1)); done; done; echo' '122'
check 'loop over command output' 'for w in $(echo x y); do echo $w; done' 'x
y'
check 'break in a condition' 'while break; do echo no; done; echo done' 'done'
check 'continue in a while condition' 'i=0; while i=$((i+1)); [ $i -lt 3 ] || break; [ $i = 1 ] && continue; true; do echo body$i; done' 'body2'
check 'bad break count' 'for i in 1; do break 0; done' '' 2 'sh: 1: break: 0: Illegal number'
check 'bad for variable' 'for 1x in a; do :; done' '' 2 'sh: 1: syntax error: bad for loop variable'
check 'missing do' 'for i in a; echo; done' '' 2 'sh: 1: syntax error: "echo" unexpected (expecting "do")'
check 'loop input redirection' 'printf "1\n2\n" > f; while read l; do echo "l=$l"; done < f' 'l=1
l=2'
check 'keyword as a for word' 'for i in do done in; do echo $i; done' 'do
done
in'
