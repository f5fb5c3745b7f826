// SPDX-License-Identifier: MIT
/*
 * Real third-party programs, unmodified Debian sources built with
 * tools/x86_64-tessera-gcc (`make port-thirdparty`, tests/port/
 * thirdparty.mk), run inside Tessera: Lua 5.4, zlib 1.2.13 (its example
 * and minigzip), GNU bc/dc 1.07.1 and GNU sed 4.9.
 *
 * They come into the image only with INITFS_EXTRA=build/thirdparty-root
 * (fetching them needs Debian's archive), so each test SKIPs when its
 * program is not there. The expected outputs are what the same sources,
 * built for Linux with the host's gcc, print for the same input; the Lua
 * script below checks itself. /usr/share/thirdparty/sample.txt.gz was
 * made by the host's gzip.
 */
#include "utest.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TP_DATA "/usr/share/thirdparty"

#define NEED(prog)                                        \
	do {                                              \
		if (access(prog, X_OK) != 0)              \
			SKIP(prog " is not in the image"); \
	} while (0)

/*
 * The core script's stack-overflow check grows Lua's stack to its limit
 * (a million slots and their call records): about 110 MB, as on Linux.
 * A machine with less memory (the 128 MiB boot) cannot run it.
 */
#define LUA_CORE_MEMORY (256l << 20)
#define NEED_MEMORY(bytes)                                                          \
	do {                                                                        \
		if (sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) < (bytes))     \
			SKIP("needs 256 MiB: Lua's stack-overflow check takes ~110 MB"); \
	} while (0)

static int run_str(char *const argv[], const char *in, char *out, size_t size)
{
	return utest_run(argv, NULL, in, 1, out, size);
}

/* The whole file in a malloc'd buffer (NUL-ended); its length in *len. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0)
		return NULL;
	char *buf = malloc((size_t)st.st_size + 1);
	size_t got = 0;
	ssize_t n;
	while (buf && got < (size_t)st.st_size &&
	       (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (buf)
		buf[got] = '\0';
	*len = got;
	return buf;
}

static int put_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	ssize_t w = write(fd, data, len);
	close(fd);
	return w == (ssize_t)len ? 0 : -1;
}

/* Prints a program's output when a check on it is about to fail. */
static void show(const char *what, const char *out)
{
	printf("--- %s said:\n%s\n---\n", what, out);
}

/* --- Lua 5.4 ---------------------------------------------------------------- */

/*
 * The Lua script: the language and the standard libraries that lean on
 * libc (number formatting and parsing, libm, patterns, io on files,
 * os.time/date/rename/remove/tmpname, the GC under malloc). Every check
 * reports itself; the last line is "lua-core: ok". Written to
 * LUA_CORE before it runs.
 */
#define LUA_CORE "/tmp/thirdparty-core.lua"

static const char *const lua_core[] = {
	"-- Tessera third-party check: Lua 5.4 language and standard libraries.",
	"-- Every check is an assertion; the script ends by printing \"lua-core: ok\".",
	"local fails = 0",
	"local function check(name, got, want)",
	"  if got ~= want then",
	"    fails = fails + 1",
	"    print(string.format(\"FAIL %s: got [%s] want [%s]\", name, tostring(got), tostring(want)))",
	"  end",
	"end",
	"",
	"-- numbers <-> strings (snprintf \"%.14g\", strtod, hex floats)",
	"check(\"tostring float\", tostring(1/3), \"0.33333333333333\")",
	"check(\"tostring big\", tostring(1e300), \"1e+300\")",
	"check(\"tostring int float\", tostring(2^53), \"9.007199254741e+15\")",
	"check(\"tostring -0.0\", tostring(-0.0), \"-0.0\")",
	"check(\"tostring inf\", tostring(1/0), \"inf\")",
	"check(\"tostring -inf\", tostring(-1/0), \"-inf\")",
	"check(\"nan\", tostring(0/0) == \"nan\" or tostring(0/0) == \"-nan\", true)",
	"check(\"tonumber dec\", tonumber(\"  12.5e-1  \"), 1.25)",
	"check(\"tonumber hex float\", tonumber(\"0x1.8p3\"), 12.0)",
	"check(\"tonumber hex int\", tonumber(\"0xff\"), 255)",
	"check(\"tonumber base\", tonumber(\"zz\", 36), 1295)",
	"check(\"tonumber bad\", tonumber(\"1e\"), nil)",
	"check(\"tonumber denorm\", tonumber(\"4.9406564584124654e-324\"), 2^-1074)",
	"check(\"mininteger\", math.mininteger, -9223372036854775807 - 1)",
	"check(\"int wrap\", math.maxinteger + 1, math.mininteger)",
	"check(\"idiv\", 7 // -2, -4)",
	"check(\"fmod\", math.fmod(-7, 3), -1)",
	"check(\"fmod float\", math.fmod(7.5, 2), 1.5)",
	"check(\"mod float\", -7.5 % 2, 0.5)",
	"check(\"pow\", 2^10, 1024.0)",
	"check(\"float eq\", 0.1 + 0.2 == 0.3, false)",
	"check(\"%.17g\", string.format(\"%.17g\", 0.1), \"0.10000000000000001\")",
	"check(\"%5.2f\", string.format(\"[%8.3f]\", math.pi), \"[   3.142]\")",
	"check(\"%e\", string.format(\"%e\", 12345.6789), \"1.234568e+04\")",
	"check(\"%g small\", string.format(\"%g\", 1e-5), \"1e-05\")",
	"check(\"%a\", string.format(\"%a\", 1.0), \"0x1p+0\")",
	"check(\"%x\", string.format(\"%x %X %o\", 255, 255, 8), \"ff FF 10\")",
	"check(\"%d neg\", string.format(\"%5d|%-5d|%05d\", -42, 42, 42), \"  -42|42   |00042\")",
	"check(\"%q\", string.format(\"%q\", \"a\\nb\\0c\\\"\"), '\"a\\\\\\nb\\\\0c\\\\\"\"')",
	"check(\"%q int\", string.format(\"%q\", math.mininteger), \"0x8000000000000000\")",
	"check(\"%q float\", string.format(\"%q\", 0.5), \"0x1p-1\")",
	"check(\"%s width\", string.format(\"%-6s|%6s\", \"ab\", \"cd\"), \"ab    |    cd\")",
	"check(\"%c\", string.format(\"%c%c\", 72, 105), \"Hi\")",
	"check(\"%i\", string.format(\"%i\", 3), \"3\")",
	"",
	"-- math library (libm)",
	"check(\"floor\", math.floor(-3.5), -4)",
	"check(\"ceil\", math.ceil(3.2), 4)",
	"check(\"sqrt\", math.sqrt(2), 1.4142135623730951)",
	"check(\"sin\", string.format(\"%.15g\", math.sin(1)), \"0.841470984807897\")",
	"check(\"cos\", string.format(\"%.15g\", math.cos(1)), \"0.54030230586814\")",
	"check(\"exp\", string.format(\"%.15g\", math.exp(1)), \"2.71828182845905\")",
	"check(\"log\", string.format(\"%.15g\", math.log(10)), \"2.30258509299405\")",
	"check(\"log2\", math.log(1024, 2), 10.0)",
	"check(\"log10\", math.log(1000, 10), 3.0)",
	"check(\"atan\", string.format(\"%.15g\", math.atan(1, 2)), \"0.463647609000806\")",
	"check(\"tointeger\", math.tointeger(3.0), 3)",
	"check(\"ult\", math.ult(1, -1), true)",
	"check(\"abs minint\", math.abs(math.mininteger), math.mininteger)",
	"math.randomseed(42)",
	"local r1 = math.random(1, 1000000)",
	"math.randomseed(42)",
	"check(\"random seed\", math.random(1, 1000000), r1)",
	"",
	"-- strings and patterns",
	"check(\"rep\", #string.rep(\"ab\", 100000, \",\"), 299999)",
	"check(\"gsub\", (string.gsub(\"hello world\", \"o\", \"0\")), \"hell0 w0rld\")",
	"check(\"gsub fn\", (string.gsub(\"$x + $y\", \"%$(%w+)\", {x = \"1\", y = \"2\"})), \"1 + 2\")",
	"check(\"find\", select(2, string.find(\"abc  def\", \"%s+\")), 5)",
	"check(\"match\", string.match(\"key = value\", \"(%w+)%s*=%s*(%w+)\"), \"key\")",
	"local words = {}",
	"for w in string.gmatch(\"one two  three\", \"%a+\") do words[#words + 1] = w end",
	"check(\"gmatch\", table.concat(words, \",\"), \"one,two,three\")",
	"check(\"balance\", string.match(\"f(a(b)c)d\", \"%b()\"), \"(a(b)c)\")",
	"check(\"frontier\", (string.gsub(\"THE (quick) fox\", \"%f[%a]%a+\", \"W\")), \"W (W) W\")",
	"check(\"upper\", string.upper(\"abcXYZ\"), \"ABCXYZ\")",
	"check(\"byte\", string.byte(\"A\"), 65)",
	"check(\"reverse\", string.reverse(\"abc\"), \"cba\")",
	"check(\"pack\", string.unpack(\"<i4\", string.pack(\"<i4\", -2)), -2)",
	"check(\"pack z\", #string.pack(\"z\", \"abc\"), 4)",
	"check(\"pack d\", string.unpack(\">d\", string.pack(\">d\", 1.5)), 1.5)",
	"check(\"utf8 char\", utf8.char(72, 228, 8364), \"H\\xC3\\xA4\\xE2\\x82\\xAC\")",
	"check(\"utf8 len\", utf8.len(\"H\\xC3\\xA4\\xE2\\x82\\xAC\"), 3)",
	"check(\"utf8 codepoint\", utf8.codepoint(\"\\xE2\\x82\\xAC\"), 8364)",
	"",
	"-- tables, sorting, metatables",
	"local t = {}",
	"for i = 1, 20000 do t[i] = math.random(1, 100000) end",
	"table.sort(t)",
	"local sorted = true",
	"for i = 2, #t do if t[i - 1] > t[i] then sorted = false end end",
	"check(\"sort\", sorted, true)",
	"table.sort(t, function(a, b) return a > b end)",
	"check(\"sort desc\", t[1] >= t[#t], true)",
	"check(\"concat\", table.concat({1, 2, 3}, \"-\"), \"1-2-3\")",
	"check(\"unpack\", select(\"#\", table.unpack({1, 2, nil, 4}, 1, 4)), 4)",
	"check(\"move\", table.concat(table.move({1, 2, 3}, 1, 3, 1, {}), \",\"), \"1,2,3\")",
	"local V = setmetatable({}, {__add = function(a, b) return \"added\" end,",
	"                            __index = function(_, k) return k .. \"!\" end,",
	"                            __call = function(_, x) return x * 2 end})",
	"check(\"__add\", V + 1, \"added\")",
	"check(\"__index\", V.foo, \"foo!\")",
	"check(\"__call\", V(21), 42)",
	"local closed = false",
	"do local x <close> = setmetatable({}, {__close = function() closed = true end}) end",
	"check(\"__close\", closed, true)",
	"",
	"-- closures, varargs, goto, coroutines, errors",
	"local function counter() local n = 0; return function() n = n + 1; return n end end",
	"local c = counter(); c(); c()",
	"check(\"closure\", c(), 3)",
	"local function va(...) return select(\"#\", ...), ... end",
	"check(\"vararg\", va(nil, nil), 2)",
	"do",
	"  local i = 1",
	"  ::top:: i = i + 1",
	"  if i < 10 then goto top end",
	"  check(\"goto\", i, 10)",
	"end",
	"local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)",
	"check(\"coroutine 1\", co(1), 2)",
	"check(\"coroutine 2\", co(5), 10)",
	"local gen = coroutine.create(function() for i = 1, 3 do coroutine.yield(i) end end)",
	"local sum = 0",
	"while true do",
	"  local ok, v = coroutine.resume(gen)",
	"  if not v then break end",
	"  sum = sum + v",
	"end",
	"check(\"coroutine loop\", sum, 6)",
	"local ok, err = pcall(error, {code = 7})",
	"check(\"pcall table\", ok == false and err.code, 7)",
	"ok, err = pcall(function() local x = nil; return x.y end)",
	"check(\"pcall msg\", err:match(\"attempt to index a nil value\") ~= nil, true)",
	"check(\"xpcall\", select(2, xpcall(function() error(\"boom\", 0) end, function(m) return \"h:\" .. m end)), \"h:boom\")",
	"local depth = 0",
	"local function rec() depth = depth + 1; return rec() + 1 end",
	"ok, err = pcall(rec)",
	"check(\"stack overflow caught\", ok == false and err:match(\"stack overflow\") ~= nil, true)",
	"",
	"-- load, string.dump",
	"check(\"load\", load(\"return 2 + 3\")(), 5)",
	"local f = load(string.dump(function(x) return x * 7 end))",
	"check(\"dump\", f(6), 42)",
	"check(\"load syntax err\", select(2, load(\"x = = 1\")):match(\"unexpected symbol\") ~= nil, true)",
	"",
	"-- garbage collection",
	"local before = collectgarbage(\"count\")",
	"do local junk = {}; for i = 1, 200000 do junk[i] = {i, tostring(i)} end end",
	"collectgarbage(); collectgarbage()",
	"check(\"gc frees\", collectgarbage(\"count\") < before + 1000, true)",
	"local weak = setmetatable({}, {__mode = \"k\"})",
	"weak[{}] = 1",
	"collectgarbage()",
	"check(\"weak\", next(weak), nil)",
	"collectgarbage(\"generational\"); collectgarbage(\"incremental\")",
	"",
	"-- os library (time, date, env, files)",
	"check(\"date utc\", os.date(\"!%Y-%m-%d %H:%M:%S\", 0), \"1970-01-01 00:00:00\")",
	"check(\"date utc2\", os.date(\"!%A %B %j\", 86400 * 59), \"Sunday March 060\")",
	"local tt = os.date(\"!*t\", 1000000000)",
	"check(\"date *t\", tt.year .. \"-\" .. tt.month .. \"-\" .. tt.day .. \" \" .. tt.hour, \"2001-9-9 1\")",
	"check(\"time tbl\", os.time({year = 2000, month = 1, day = 1, hour = 12}) - os.time({year = 2000, month = 1, day = 2, hour = 12}), -86400)",
	"-- (Tessera has no RTC yet: CLOCK_REALTIME counts from boot, docs/abi.md)",
	"check(\"time now\", math.type(os.time()) == \"integer\" and os.time() >= 0, true)",
	"check(\"date now\", #os.date(\"%Y-%m-%d %H:%M:%S\"), 19)",
	"check(\"clock\", type(os.clock()), \"number\")",
	"check(\"difftime\", os.difftime(10, 4), 6.0)",
	"check(\"getenv PATH\", type(os.getenv(\"PATH\")), \"string\")",
	"check(\"getenv none\", os.getenv(\"NO_SUCH_VAR_XYZ\"), nil)",
	"check(\"setlocale\", os.setlocale(\"C\"), \"C\")",
	"",
	"local name = os.tmpname()",
	"local fh = assert(io.open(name, \"w\"))",
	"fh:write(\"line1\\n\", 42, \" \", 3.5, \"\\nline3\")",
	"fh:close()",
	"fh = assert(io.open(name, \"r\"))",
	"check(\"read l\", fh:read(\"l\"), \"line1\")",
	"check(\"read n\", fh:read(\"n\"), 42)",
	"check(\"read n2\", fh:read(\"n\"), 3.5)",
	"check(\"read L\", fh:read(\"L\"), \"\\n\")",
	"check(\"read a\", fh:read(\"a\"), \"line3\")",
	"check(\"read eof\", fh:read(\"l\"), nil)",
	"check(\"seek\", fh:seek(\"set\", 2), 2)",
	"check(\"read 3\", fh:read(3), \"ne1\")",
	"check(\"seek end\", fh:seek(\"end\"), 18)",
	"fh:close()",
	"local n = 0",
	"for l in io.lines(name) do n = n + 1 end",
	"check(\"io.lines\", n, 3)",
	"fh = assert(io.open(name, \"a+\")); fh:write(\"\\nappended\"); fh:close()",
	"fh = assert(io.open(name, \"rb\")); local all = fh:read(\"a\"); fh:close()",
	"check(\"append\", all:sub(-8), \"appended\")",
	"local name2 = name .. \".renamed\"",
	"check(\"rename\", os.rename(name, name2), true)",
	"check(\"open old\", io.open(name, \"r\"), nil)",
	"check(\"remove\", os.remove(name2), true)",
	"local okr, msg, code = os.remove(name2)",
	"check(\"remove missing\", okr == nil and type(msg) == \"string\" and code, 2)",
	"local okf, emsg = io.open(\"/no/such/dir/file\", \"r\")",
	"check(\"open missing msg\", emsg:match(\"No such file or directory\") ~= nil, true)",
	"fh = io.tmpfile(); fh:write(\"tmp\"); fh:seek(\"set\"); check(\"tmpfile\", fh:read(\"a\"), \"tmp\"); fh:close()",
	"check(\"io.type\", io.type(io.stdout), \"file\")",
	"fh = assert(io.open(os.tmpname(), \"w\"))",
	"fh:setvbuf(\"full\", 1024); fh:write(string.rep(\"x\", 5000)); check(\"setvbuf\", fh:seek(\"cur\"), 5000); fh:close()",
	"",
	"-- big allocations",
	"local big = {}",
	"for i = 1, 300 do big[i] = string.rep(string.char(65 + i % 26), 10000) end",
	"check(\"big strings\", #table.concat(big), 3000000)",
	"",
	"if fails == 0 then print(\"lua-core: ok\") else print(\"lua-core: \" .. fails .. \" failures\"); os.exit(1) end",
};

static int write_lua_core(void)
{
	FILE *f = fopen(LUA_CORE, "w");

	if (!f)
		return -1;
	for (size_t i = 0; i < sizeof(lua_core) / sizeof(lua_core[0]); i++)
		fprintf(f, "%s\n", lua_core[i]);
	return fclose(f) == 0 ? 0 : -1;
}


TEST(lua_runs_its_core_library_checks)
{
	NEED("/usr/bin/lua");
	NEED_MEMORY(LUA_CORE_MEMORY);
	static char out[8192];
	CHECK_EQ(write_lua_core(), 0);
	char *argv[] = { "/usr/bin/lua", LUA_CORE, NULL };
	int status = run_str(argv, NULL, out, sizeof(out));

	if (!strstr(out, "lua-core: ok\n"))
		show("lua", out);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_STR(out, "lua-core: ok\n");
}

TEST(lua_reads_a_chunk_from_stdin_and_takes_arguments)
{
	NEED("/usr/bin/lua");
	char out[512];
	char *argv[] = { "/usr/bin/lua", "-", "x", "yz", NULL };
	int status = run_str(argv, "print(#arg, arg[2], 7 // 2, 2^0.5)\n", out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "2\tyz\t3\t1.4142135623731\n");
}

TEST(lua_reports_errors_and_exit_codes)
{
	NEED("/usr/bin/lua");
	char out[1024];
	char *err[] = { "/usr/bin/lua", "-e", "error('boom')", NULL };
	int status = run_str(err, NULL, out, sizeof(out));

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);
	CHECK(strstr(out, "boom") != NULL);
	CHECK(strstr(out, "stack traceback:") != NULL);

	char *code[] = { "/usr/bin/lua", "-e", "io.write('bye') os.exit(7)", NULL };
	status = run_str(code, NULL, out, sizeof(out));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
	CHECK_STR(out, "bye");
}

TEST(luac_compiles_a_script_that_lua_then_runs)
{
	NEED("/usr/bin/luac");
	NEED("/usr/bin/lua");
	NEED_MEMORY(LUA_CORE_MEMORY);
	char out[4096];
	CHECK_EQ(write_lua_core(), 0);
	char *compile[] = { "/usr/bin/luac", "-s", "-o", "/tmp/thirdparty.luac", LUA_CORE, NULL };
	int status = run_str(compile, NULL, out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *exec[] = { "/usr/bin/lua", "/tmp/thirdparty.luac", NULL };
	status = run_str(exec, NULL, out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "lua-core: ok\n");

	char *bad[] = { "/usr/bin/luac", "-p", "-", NULL };
	status = run_str(bad, "x = = 1\n", out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	CHECK(strstr(out, "unexpected symbol near '='") != NULL);
	unlink("/tmp/thirdparty.luac");
}

/* --- zlib 1.2.13 ------------------------------------------------------------ */

TEST(zlib_example_passes)
{
	NEED("/usr/bin/zlib-example");
	char out[2048];
	char *argv[] = { "/usr/bin/zlib-example", "/tmp/thirdparty-foo.gz", NULL };
	int status = run_str(argv, NULL, out, sizeof(out));

	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		show("example", out);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK(strstr(out, "zlib version 1.2.13") != NULL);
	CHECK(strstr(out, "uncompress(): hello, hello!\n") != NULL);
	CHECK(strstr(out, "gzread(): hello, hello!\n") != NULL);
	CHECK(strstr(out, "gzgets() after gzseek:  hello!\n") != NULL);
	CHECK(strstr(out, "large_inflate(): OK\n") != NULL);
	CHECK(strstr(out, "after inflateSync(): hello, hello!\n") != NULL);
	CHECK(strstr(out, "inflate with dictionary: hello, hello!\n") != NULL);
	unlink("/tmp/thirdparty-foo.gz");
}

TEST(minigzip_inflates_what_the_host_gzip_made)
{
	NEED("/usr/bin/minigzip");
	size_t txt_len;
	char *txt = slurp(TP_DATA "/sample.txt", &txt_len);
	CHECK(txt != NULL);
	size_t size = txt_len + 4096;
	char *out = malloc(size);
	CHECK(out != NULL);
	char *argv[] = { "/usr/bin/minigzip", "-d", NULL };
	int status = utest_run(argv, TP_DATA "/sample.txt.gz", NULL, 0, out, size);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(strlen(out), txt_len);
	CHECK(memcmp(out, txt, txt_len) == 0);
	free(out);
	free(txt);
}

TEST(minigzip_round_trips_a_file_in_place)
{
	NEED("/usr/bin/minigzip");
	size_t txt_len, gz_len, back_len;
	char *txt = slurp(TP_DATA "/sample.txt", &txt_len);
	CHECK(txt != NULL);
	CHECK_EQ(put_file("/tmp/thirdparty.txt", txt, txt_len), 0);
	char out[512];
	char *pack[] = { "/usr/bin/minigzip", "-9", "/tmp/thirdparty.txt", NULL };
	int status = run_str(pack, NULL, out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(access("/tmp/thirdparty.txt", F_OK) != 0);   /* replaced by .gz */
	char *gz = slurp("/tmp/thirdparty.txt.gz", &gz_len);
	CHECK(gz != NULL);
	CHECK(gz_len > 18 && gz_len < txt_len / 2);
	CHECK(memcmp(gz, "\x1f\x8b\x08", 3) == 0);
	free(gz);

	char *unpack[] = { "/usr/bin/minigzip", "-d", "/tmp/thirdparty.txt.gz", NULL };
	status = run_str(unpack, NULL, out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *back = slurp("/tmp/thirdparty.txt", &back_len);
	CHECK(back != NULL);
	CHECK_EQ(back_len, txt_len);
	CHECK(memcmp(back, txt, txt_len) == 0);
	CHECK(access("/tmp/thirdparty.txt.gz", F_OK) != 0);
	unlink("/tmp/thirdparty.txt");
	free(back);
	free(txt);
}

/* --- GNU bc and dc 1.07.1 --------------------------------------------------- */

TEST(bc_computes_with_its_math_library)
{
	NEED("/usr/bin/bc");
	char out[1024];
	char *argv[] = { "/usr/bin/bc", "-l", NULL };
	int status = run_str(argv,
			     "scale=40\n4*a(1)\nsqrt(2)\n2^200\ne(1)\nl(10)\n"
			     "define f(n) { if (n < 2) return 1; return n * f(n-1); }\nf(30)\n",
			     out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "3.1415926535897932384626433832795028841968\n"
		       "1.4142135623730950488016887242096980785696\n"
		       "1606938044258990275541962092341162602522202993782792835301376\n"
		       "2.7182818284590452353602874713526624977572\n"
		       "2.3025850929940456840179914546843642076011\n"
		       "265252859812191058636308480000000\n");
}

TEST(dc_computes_in_reverse_polish)
{
	NEED("/usr/bin/dc");
	char out[512];
	char *argv[] = { "/usr/bin/dc", NULL };
	int status = run_str(argv, "2 100 ^ p 10 k 2 v p 17 3 % p\n", out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "1267650600228229401496703205376\n1.4142135623\n.0000000002\n");
}

/* --- GNU sed 4.9 ------------------------------------------------------------ */

TEST(sed_substitutes_transliterates_and_uses_the_hold_space)
{
	NEED("/usr/bin/sed");
	char out[512];
	char *sub[] = { "/usr/bin/sed", "-e", "s/o/0/g", "-e", "2y/abr/ABR/", NULL };
	int status = run_str(sub, "hello world\nfoo bar\n", out, sizeof(out));

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "hell0 w0rld\nf00 BAR\n");

	char *ere[] = { "/usr/bin/sed", "-n", "-E", "/^(f|h)/{s/([a-z]+) ([a-z]+)/\\2 \\1/;p}",
			NULL };
	status = run_str(ere, "hello world\nfoo bar\nzzz\n", out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "world hello\nbar foo\n");

	char *tac[] = { "/usr/bin/sed", "-n", "1!G;h;$p", NULL };
	status = run_str(tac, "1\n2\n3\n", out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "3\n2\n1\n");

	char *num[] = { "/usr/bin/sed", "=", NULL };
	status = run_str(num, "a\nb\n", out, sizeof(out));
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_STR(out, "1\na\n2\nb\n");
}

TEST(sed_edits_a_file_in_place_keeping_a_backup)
{
	NEED("/usr/bin/sed");
	char out[512];
	size_t len;
	CHECK_EQ(put_file("/tmp/thirdparty-sed.txt", "alpha\nbeta\n", 11), 0);
	char *argv[] = { "/usr/bin/sed", "-i.bak", "-e", "s/a/A/g", "/tmp/thirdparty-sed.txt",
			 NULL };
	int status = run_str(argv, NULL, out, sizeof(out));

	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		show("sed -i", out);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	char *edited = slurp("/tmp/thirdparty-sed.txt", &len);
	char *backup = slurp("/tmp/thirdparty-sed.txt.bak", &len);
	CHECK(edited && backup);
	CHECK_STR(edited, "AlphA\nbetA\n");
	CHECK_STR(backup, "alpha\nbeta\n");
	free(edited);
	free(backup);
	unlink("/tmp/thirdparty-sed.txt");
	unlink("/tmp/thirdparty-sed.txt.bak");

	char *missing[] = { "/usr/bin/sed", "p", "/no/such/file", NULL };
	status = run_str(missing, NULL, out, sizeof(out));
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 2);
	CHECK(strstr(out, "/no/such/file: No such file or directory") != NULL);
}
