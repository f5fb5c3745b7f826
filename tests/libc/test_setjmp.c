// SPDX-License-Identifier: MIT
/*
 * <setjmp.h>: setjmp/longjmp return values, jumps out of nested calls
 * with locals intact, _setjmp/_longjmp, and sigsetjmp/siglongjmp out of
 * a signal handler, restoring the signal mask only when asked to.
 */
#include "utest.h"

#include <setjmp.h>
#include <signal.h>
#include <string.h>

static jmp_buf env;
static sigjmp_buf senv;
static volatile int depth_reached;

static void jump_back(int value)
{
	longjmp(env, value);
}

static int nested(int depth, int value)
{
	char pad[64];

	memset(pad, depth, sizeof(pad));
	depth_reached = depth;
	if (depth == 20)
		jump_back(value);
	if (depth > 20)
		return 0;       /* not reached */
	return nested(depth + 1, value) + pad[depth % 64];
}

TEST(setjmp_returns_zero_then_the_longjmp_value)
{
	volatile int rounds = 0;
	int r = setjmp(env);

	rounds++;
	if (r == 0)
		jump_back(42);
	CHECK_EQ(r, 42);
	CHECK_EQ(rounds, 2);
}

TEST(longjmp_with_zero_makes_setjmp_return_one)
{
	int r = setjmp(env);

	if (r == 0)
		jump_back(0);
	CHECK_EQ(r, 1);
}

TEST(longjmp_leaves_nested_calls_and_keeps_volatile_locals)
{
	volatile long a = 0x1122334455667788L;
	volatile double d = 2.5;
	int r = setjmp(env);

	if (r == 0) {
		a = 7;
		d = 0.25;
		nested(0, -3);
	}
	CHECK_EQ(r, -3);
	CHECK_EQ(depth_reached, 20);
	CHECK_EQ(a, 7);
	CHECK(d == 0.25);
}

TEST(setjmp_buffer_can_be_reused_many_times)
{
	volatile int count = 0;
	int r = setjmp(env);

	if (r < 1000) {
		count++;
		longjmp(env, r + 1);
	}
	CHECK_EQ(r, 1000);
	CHECK_EQ(count, 1000);
}

TEST(underscore_setjmp_and_longjmp_work_alike)
{
	jmp_buf local;
	int r = _setjmp(local);

	if (r == 0)
		_longjmp(local, 9);
	CHECK_EQ(r, 9);
}

static void jump_from_handler(int sig)
{
	siglongjmp(senv, sig);
}

static int usr1_blocked(void)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, SIGUSR1);
}

static void unblock_usr1(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

TEST(siglongjmp_out_of_a_handler_restores_the_saved_mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = jump_from_handler;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	unblock_usr1();
	int r = sigsetjmp(senv, 1);
	if (r == 0) {
		raise(SIGUSR1);
		CHECK(0);       /* not reached */
	}
	CHECK_EQ(r, SIGUSR1);
	CHECK_EQ(usr1_blocked(), 0);
	signal(SIGUSR1, SIG_DFL);
}

TEST(sigsetjmp_without_savemask_keeps_the_handler_mask)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = jump_from_handler;
	sigemptyset(&sa.sa_mask);
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	unblock_usr1();
	int r = sigsetjmp(senv, 0);
	if (r == 0) {
		raise(SIGUSR1);
		CHECK(0);
	}
	CHECK_EQ(r, SIGUSR1);
	CHECK_EQ(usr1_blocked(), 1);    /* still blocked as in the handler */
	unblock_usr1();
	signal(SIGUSR1, SIG_DFL);
}
