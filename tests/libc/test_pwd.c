// SPDX-License-Identifier: MIT
/*
 * <pwd.h> and <grp.h> against the system's /etc/passwd and /etc/group:
 * only what holds on any POSIX system is expected (root is uid 0 with
 * home /root, group 0 is root), plus the conventions of the _r calls
 * (ERANGE for a small buffer, 0 and NULL for no such entry) and of the
 * enumeration calls.
 */
#include "utest.h"

#include <grp.h>
#include <pwd.h>
#include <string.h>

TEST(getpwnam_finds_root)
{
	struct passwd *pw = getpwnam("root");

	CHECK(pw != NULL);
	CHECK_STR(pw->pw_name, "root");
	CHECK_EQ(pw->pw_uid, 0);
	CHECK_EQ(pw->pw_gid, 0);
	CHECK_STR(pw->pw_dir, "/root");
	CHECK(pw->pw_shell != NULL && pw->pw_passwd != NULL && pw->pw_gecos != NULL);
}

TEST(getpwuid_0_is_root)
{
	struct passwd *pw = getpwuid(0);

	CHECK(pw != NULL);
	CHECK_STR(pw->pw_name, "root");
}

TEST(unknown_users_are_null_without_error)
{
	struct passwd pw, *result = &pw;
	char buf[1024];

	errno = 0;
	CHECK(getpwnam("no-such-user-tessera") == NULL);
	CHECK(getpwuid(987654321) == NULL);
	CHECK_EQ(getpwnam_r("no-such-user-tessera", &pw, buf, sizeof(buf), &result), 0);
	CHECK(result == NULL);
	CHECK_EQ(getpwuid_r(987654321, &pw, buf, sizeof(buf), &result), 0);
	CHECK(result == NULL);
}

TEST(getpwnam_r_fills_the_callers_buffer)
{
	struct passwd pw, *result = NULL;
	char buf[1024];

	CHECK_EQ(getpwnam_r("root", &pw, buf, sizeof(buf), &result), 0);
	CHECK(result == &pw);
	CHECK(pw.pw_name >= buf && pw.pw_name < buf + sizeof(buf));
	CHECK_STR(pw.pw_name, "root");
	CHECK_EQ(getpwuid_r(0, &pw, buf, sizeof(buf), &result), 0);
	CHECK(result == &pw);
	CHECK_STR(pw.pw_dir, "/root");
}

TEST(getpwnam_r_with_a_small_buffer_is_erange)
{
	struct passwd pw, *result = &pw;
	char buf[4];

	CHECK_EQ(getpwnam_r("root", &pw, buf, sizeof(buf), &result), ERANGE);
	CHECK(result == NULL);
}

TEST(getpwent_walks_the_database)
{
	struct passwd *pw;
	int count = 0, roots = 0;

	setpwent();
	while ((pw = getpwent()) != NULL) {
		count++;
		roots += pw->pw_uid == 0 && strcmp(pw->pw_name, "root") == 0;
	}
	CHECK(count >= 1);
	CHECK_EQ(roots, 1);
	CHECK(getpwent() == NULL);
	setpwent();
	CHECK(getpwent() != NULL);
	endpwent();
}

TEST(getgrnam_and_getgrgid_find_group_0)
{
	struct group *gr = getgrgid(0);

	CHECK(gr != NULL);
	CHECK_EQ(gr->gr_gid, 0);
	CHECK(gr->gr_mem != NULL);
	char name[64];
	strncpy(name, gr->gr_name, sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	gr = getgrnam(name);
	CHECK(gr != NULL);
	CHECK_EQ(gr->gr_gid, 0);
	CHECK(getgrnam("no-such-group-tessera") == NULL);
}

TEST(getgrgid_r_conventions)
{
	struct group gr, *result = NULL;
	char buf[4096], tiny[2];

	CHECK_EQ(getgrgid_r(0, &gr, buf, sizeof(buf), &result), 0);
	CHECK(result == &gr);
	CHECK((char *)gr.gr_mem >= buf && (char *)gr.gr_mem < buf + sizeof(buf));
	for (char **m = gr.gr_mem; *m; m++)
		CHECK(**m != '\0');
	CHECK_EQ(getgrgid_r(0, &gr, tiny, sizeof(tiny), &result), ERANGE);
	CHECK(result == NULL);
	CHECK_EQ(getgrgid_r(987654321, &gr, buf, sizeof(buf), &result), 0);
	CHECK(result == NULL);
}

TEST(getgrent_walks_the_database)
{
	struct group *gr;
	int zeros = 0;

	setgrent();
	while ((gr = getgrent()) != NULL)
		zeros += gr->gr_gid == 0;
	endgrent();
	CHECK_EQ(zeros, 1);
}

TEST(getgrouplist_starts_with_the_given_group)
{
	gid_t groups[64];
	int n = 64;

	CHECK(getgrouplist("root", 0, groups, &n) >= 1);
	CHECK(n >= 1);
	CHECK_EQ(groups[0], 0);
	n = 64;
	CHECK_EQ(getgrouplist("no-such-user-tessera", 4242, groups, &n), 1);
	CHECK_EQ(n, 1);
	CHECK_EQ(groups[0], 4242);
	n = 0;
	CHECK_EQ(getgrouplist("no-such-user-tessera", 4242, groups, &n), -1);
	CHECK_EQ(n, 1);
}
