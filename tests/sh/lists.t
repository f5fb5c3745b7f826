# && || ; and the value of lists.
check 'and' 'true && echo yes; false && echo no; echo end' 'yes
end'
check 'or' 'false || echo yes; true || echo no; echo end' 'yes
end'
check 'chains go left to right' 'false && echo a || echo b' 'b'
check 'chain status' 'false || false; echo $?; true && false; echo $?' '1
1'
check 'newline after &&' 'true &&
echo next' 'next'
check 'semicolons' 'echo a; echo b ; echo c' 'a
b
c'
check 'trailing semicolon' 'echo a;' 'a'
check 'empty lines' '

echo a

' 'a'
check '! binds to the pipeline' '! true || echo ran' 'ran'
check 'status of an empty script' '' ''
