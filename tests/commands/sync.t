# sync: the whole system, named files, and errors.
check 'sync --help names it' 'sync --help | head -n 2' 'NAME
    sync - write buffered data to storage'
check 'sync succeeds' 'sync' ''
check 'sync a file' ': > f; sync f' ''
check 'sync several files and a directory' ': > a; : > b; sync a b .' ''
check_err 'a missing file' 'sync nofile' 'sync: nofile: No such file or directory' 1
check_err 'the other files are still synced' ': > g; sync nofile g' \
	'sync: nofile: No such file or directory' 1
check_err 'a bad option' 'sync -x' "sync: invalid option -- 'x'
Try 'sync --help' for more information." 2
