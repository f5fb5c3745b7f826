# false: always fails, whatever its arguments.
check 'false exits 1' 'false' '' 1
check 'false ignores its arguments' 'false --bogus x y' '' 1
check 'the shell sees the failure' 'false || echo failed' 'failed'
check 'false --help names it' 'false --help | head -n 2' 'NAME
    false - do nothing, unsuccessfully'
