// SPDX-License-Identifier: MIT
/* helper_true: exits 0 at once; the smallest thing to fork+exec in a loop. */
int main(void)
{
	return 0;
}
