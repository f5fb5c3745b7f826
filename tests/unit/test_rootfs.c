// SPDX-License-Identifier: MIT
/* rootfs's choice: root= on the kernel command line, the partition by name. */
#include "unit.h"

#include <daemons/rootfs/rootfs.h>

TEST(rootfs_root_word_is_found_before_init_args)
{
	char v[32];

	CHECK(rootfs_cmdline_root("quiet root=tessera-root", v, sizeof(v)));
	CHECK_STR(v, "tessera-root");
	CHECK(rootfs_cmdline_root("root=a root=b\n", v, sizeof(v)));
	CHECK_STR(v, "b");
	CHECK(!rootfs_cmdline_root("quiet -- root=x", v, sizeof(v)));   /* init's args */
	CHECK(!rootfs_cmdline_root("", v, sizeof(v)));
	CHECK(!rootfs_cmdline_root("root= noroot=x xroot=y", v, sizeof(v)));
	CHECK(!rootfs_cmdline_root("root=0123456789", v, 4));           /* does not fit */
}

TEST(rootfs_partition_is_found_by_its_whole_name)
{
	const char *t = "label gpt\nsector-size 512\nsectors 204800\n"
			"part 1 first 2048 sectors 100 type 0fc63daf-8483-4772-8e79-3d69d8477de4 "
			"guid 1-2 name boot\n"
			"part 2 first 4096 sectors 100 type 0fc63daf-8483-4772-8e79-3d69d8477de4 "
			"guid 1-3 name tessera-root\n"
			"part 3 first 8192 sectors 100 type x guid 1-4 name tessera-root-old\n"
			"part 5 first 9000 sectors 10 type 0x83\n";

	CHECK_EQ(rootfs_table_find(t, "tessera-root"), 2);
	CHECK_EQ(rootfs_table_find(t, "boot"), 1);
	CHECK_EQ(rootfs_table_find(t, "tessera"), -1);
	CHECK_EQ(rootfs_table_find(t, "tessera-root-old"), 3);
	CHECK_EQ(rootfs_table_find("", "boot"), -1);
	CHECK_EQ(rootfs_table_find("part 7 first 1 sectors 1 type 0x83", "boot"), -1);
}
