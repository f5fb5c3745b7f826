# true, false: exit statuses, --help.
check 'true exits 0' 'true' ''
check 'true ignores its arguments' 'true --bogus x y' ''
check 'true --help names it' 'true --help | head -n 2' 'NAME
    true - do nothing, successfully'
