# read.
check_in 'one variable gets the line' '  a b  c  
' 'read x; echo "[$x]"' '[a b  c]'
check_in 'several variables' 'a b c d
' 'read x y z; echo "[$x][$y][$z]"' '[a][b][c d]'
check_in 'more variables than fields' 'a
' 'read x y z; echo "[$x][$y][$z]"' '[a][][]'
check_in 'backslash escapes' 'a\ b c\\d
' 'read x y; echo "[$x][$y]"' '[a b][c\d]'
check_in '-r keeps backslashes' 'a\ b
' 'read -r x y; echo "[$x][$y]"' '[a\][b]'
check_in 'backslash-newline continues' 'a\
b
' 'read x; echo "[$x]"' '[ab]'
check_in 'EOF without newline' 'last' 'read x; echo $? "[$x]"' '1 [last]'
check_in 'EOF at once' '' 'read x; echo $? "[$x]"' '1 []'
check_in 'IFS for read' 'a:b:c
' 'IFS=: read x y; echo "[$x][$y]"' '[a][b:c]'
check_in 'IFS is restored after read' 'a:b
' 'IFS=: read x y; echo "[$IFS]" | tr "\t\n" TN' '[ TN]N'
check_in 'read in a loop' '1
2
3
' 'while read n; do echo "n=$n"; done' 'n=1
n=2
n=3'
check_in 'read leaves the rest' 'first
second
' 'read a; read b; echo "$b-$a"' 'second-first'
check_in 'read leaves the rest to commands' 'first
second
third
' 'read a; cat' 'second
third'
check_in 'empty fields with non-blank IFS' 'a::c
' 'IFS=: read x y z; echo "[$x][$y][$z]"' '[a][][c]'
check_in 'REPLY without names' 'whole  line
' 'read; echo "[$REPLY]"' '[whole  line]'
check_in '-d delimiter' 'a,b,c' 'read -d , x; echo "[$x]"' '[a]'
check_in 'bad variable name' 'x
' 'read 1x' '' 2 'sh: 1: read: 1x: bad variable name'
check_in 'read into a read-only variable' 'x
' 'readonly r=1; read r; echo $?' '2' 0 'sh: 1: r: is read only'
