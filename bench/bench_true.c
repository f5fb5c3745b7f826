// SPDX-License-Identifier: MIT
/*
 * bench_true: the program fork_exec_wait execs. It does nothing, so what
 * is measured is exec itself, the C runtime's start-up and exit.
 */
int main(void)
{
	return 0;
}
