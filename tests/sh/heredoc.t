# Here-documents.
check 'basic' 'cat <<EOF
line 1
line 2
EOF' 'line 1
line 2'
check 'expansions in the body' 'x=val; cat <<EOF
x=$x $(echo cmd) $((1+1))
EOF' 'x=val cmd 2'
check 'quoted delimiter keeps the body literal' 'x=val; cat <<"EOF"
$x $(echo no) \$
EOF' '$x $(echo no) \$'
check 'single-quoted delimiter' "cat <<'E'
\$HOME
E" '$HOME'
check 'partly quoted delimiter' 'cat <<E"O"F
$x
EOF' '$x'
check 'backslashes in the body' 'cat <<EOF
a\$b \\ \x "q"
EOF' 'a$b \ \x "q"'
check 'backslash-newline in the body' 'cat <<EOF
ab\
cd
EOF' 'abcd'
check '<<- strips tabs' 'cat <<-EOF
	indented
		twice
	EOF' 'indented
twice'
check 'two here-documents on one line' 'cat <<A; cat <<B
first
A
second
B' 'first
second'
check 'here-document and pipe' 'cat <<EOF | tr a-z A-Z
shout
EOF' 'SHOUT'
check 'here-document to a fd' 'cat 3<<EOF <&3
three
EOF' 'three'
check 'here-document in a function' 'f() {
cat <<EOF
in $1
EOF
}; f func' 'in func'
check 'here-document in a loop' 'for i in 1 2; do cat <<EOF
n=$i
EOF
done' 'n=1
n=2'
check 'empty body' 'cat <<EOF
EOF
echo after' 'after'
check 'body until end of input' 'cat <<EOF
no end' 'no end'
check 'large body' 'i=0; s=; while [ $i -lt 300 ]; do s="$s$i-abcdefghijklmnopqrstuvwxyz "; i=$((i+1)); done
cat <<EOF | wc -c
$s
EOF' '9191'
check 'double quotes are literal in the body' 'x=1; cat <<EOF
"$x" '"'"'$x'"'"'
EOF' '"1" '"'"'1'"'"
check 'delimiter must be the whole line' 'cat <<EOF
EOF not yet
 EOF
EOF' 'EOF not yet
 EOF'
