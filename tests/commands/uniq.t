# uniq: adjacent duplicates, -c -d -u -i -f -s, output file, errors.
printf 'a\na\nb\nA\na\nc\nc\nc\n' > in
check 'adjacent equal lines once' 'uniq in' 'a
b
A
a
c'
check '-c counts' 'uniq -c in' '      2 a
      1 b
      1 A
      1 a
      3 c'
check '-d only repeated lines' 'uniq -d in' 'a
c'
check '-u only unique lines' 'uniq -u in' 'b
A
a'
check '-i ignores case, keeps the first' 'uniq -i in' 'a
b
A
c'
check '-f skips fields' 'printf "1 x\n2 x\n3 y\n" | uniq -f 1' '1 x
3 y'
check '-s skips characters' 'printf "ax\nbx\ncy\n" | uniq -s 1' 'ax
cy'
check 'standard input' 'printf "z\nz\n" | uniq' 'z'
check 'an output file' 'uniq in out && cat out | wc -l' '5'
check 'a last line without newline' 'printf "k\nk" | uniq' 'k'
check 'an empty input' 'uniq < /dev/null' ''
check_err 'a missing file' 'uniq nope' 'uniq: nope: No such file or directory' 1
check_err 'an invalid count' 'uniq -f x in' "uniq: invalid number of fields: 'x'
Try 'uniq --help' for more information." 2
check_err 'three operands' 'uniq in out extra' "uniq: extra operand 'extra'
Try 'uniq --help' for more information." 2
check '--help describes it' 'uniq --help | head -n 2' 'NAME
    uniq - report or omit repeated lines'
