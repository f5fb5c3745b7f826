# env: printing, setting, -i, -u, running commands, exit statuses.
check 'prints the environment' 'FOO=bar env | grep "^FOO="' 'FOO=bar'
check 'NAME=VALUE sets a variable' 'env X=1 Y=two env | grep "^[XY]="' 'X=1
Y=two'
check 'a value may hold =' 'env X=a=b env | grep "^X="' 'X=a=b'
check '-i starts empty' 'env -i A=1 env' 'A=1'
check 'a lone - is -i' 'env - B=2 env' 'B=2'
check '-u removes a variable' 'G=1 env -u G env | grep -c "^G="' '0' 1
check 'runs a command with its arguments' 'env echo a b' 'a b'
check 'the command sees the variables' 'env V=42 sh -c "echo \$V"' '42'
check 'the command is found on PATH' 'env -i PATH="$PATH" true; echo $?' '0'
check 'the command status comes back' 'env sh -c "exit 7"; echo $?' '7'
check 'options stop at the first operand' 'env echo -i' '-i'
check_err 'a missing command is 127' 'env no-such-command-here' 'env: no-such-command-here: No such file or directory' 127
check_err 'a command that cannot run is 126' 'printf "echo x\n" > nx; env ./nx' 'env: ./nx: Permission denied' 126
check_err 'an unknown option' 'env -z' "env: invalid option -- 'z'
Try 'env --help' for more information." 2
check '--help describes it' 'env --help | head -n 2' 'NAME
    env - run a command in a modified environment'
