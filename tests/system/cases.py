# SPDX-License-Identifier: MIT
"""System tests: boot the real ISO in QEMU and check what the kernel says.

Each Case boots once. A case either runs to the kernel's own exit (test
mode leaves through isa-debug-exit: `expect_exit` is "pass" or "fail"), or
runs until a line matching `stop_at` appears and is then stopped. Every
regex in `expect` must match some line of the serial log, in order; no
line may match a regex in `forbid`. Logs are kept in build/test-logs/.
"""
from dataclasses import dataclass, field


@dataclass
class Case:
    name: str
    firmware: str = "bios"
    smp: int = 1
    mem: str = "512M"
    cmdline: str = ""
    expect_exit: str = ""           # "pass", "fail" or "" (stopped at stop_at)
    stop_at: str = ""
    expect: list = field(default_factory=list)
    forbid: list = field(default_factory=lambda: [r"PANIC"])
    timeout: int = 120
    # Lines naming sub-results (group 1: name, group 2: "passed"/"failed"),
    # each counted as a test of its own: the test programs run by init.
    subtests: str = ""


BOOT_LINES = [
    r"Tessera \S+ booting \(x86_64",
    r"pmm: \d+ MiB usable",
    r"vmm: kernel page tables",
    r"cpu: SMEP on, SMAP on, NX on",
    r"fbcon: \d+x\d+, 32 bpp",
    r"acpi: MADT",
    r"clock: TSC .* calibrated",
    r"lapic: timer",
]


def selftest_case(firmware, smp, idle_poll=False):
    """idle_poll: with idle=poll (the idle loops spin, processes.md)."""
    online = "1 CPU online" if smp == 1 else f"{smp} CPUs online"
    poll = [r"sched: idle=poll: idle CPUs spin"] if idle_poll else []
    return Case(
        name=f"selftest_{firmware}_{smp}cpu" + ("_idle_poll" if idle_poll else ""),
        firmware=firmware, smp=smp,
        cmdline="idle=poll selftest" if idle_poll else "selftest", expect_exit="pass",
        expect=BOOT_LINES + [rf"smp: {online}"] + poll +
        [r"selftest: running", r"selftest: \d+ passed, 0 failed"],
        forbid=[r"PANIC", r"ktest: FAIL", r"did not start"])


def crash_case(kind, what, function):
    return Case(
        name=f"crashtest_{kind}_prints_symbolized_backtrace",
        cmdline=f"test crashtest={kind}", expect_exit="fail",
        expect=[rf"crashtest: triggering {kind}", rf"PANIC on CPU 0: {what}",
                r"backtrace:", rf"#0 .* {function}\+0x",
                r"#\d+ .* crashtest_dispatch\+0x", r"#\d+ .* kmain_late\+0x",
                r"kernel halted"],
        forbid=[])


def userspace_case(firmware, smp, mem="512M", name=None):
    """init runs every test program in user/tests/ and exits with the result."""
    return Case(
        name=name or f"userspace_{firmware}_{smp}cpu", firmware=firmware, smp=smp, mem=mem,
        cmdline="test -- all", expect_exit="pass", timeout=600,
        expect=[r"init: started /bin/init as pid 1", r"init: Tessera userspace is up",
                r"init: \d+ passed, 0 failed",
                r"kernel: init \(pid 1\) exited with status 0"],
        subtests=r"^init: TEST (\S+) (passed|failed)")


CASES = [
    selftest_case("bios", 1),
    selftest_case("bios", 4),
    selftest_case("uefi", 1),
    selftest_case("uefi", 4),
    # idle=poll as make bench ICOUNT=N uses it: one CPU, whose idle loop
    # spins between the self-tests' sleeps and wake-ups.
    selftest_case("bios", 1, idle_poll=True),
    Case(name="boot_bios_idles", firmware="bios", smp=2,
         stop_at=r"kernel: boot complete",
         expect=BOOT_LINES + [r"smp: 2 CPUs online"]),
    Case(name="boot_uefi_idles", firmware="uefi", smp=2,
         stop_at=r"kernel: boot complete",
         expect=BOOT_LINES + [r"smp: 2 CPUs online"]),
    userspace_case("bios", 1),
    userspace_case("bios", 4),
    userspace_case("uefi", 2),
    # Small memory: test_oom fills it (and is skipped on bigger machines).
    userspace_case("bios", 2, mem="128M", name="userspace_bios_128m"),
    crash_case("pagefault", r"page fault", "crashtest_page_fault"),
    crash_case("ud", r"invalid opcode", "crashtest_invalid_opcode"),
    crash_case("divide", r"divide error", "crashtest_divide_error"),
    crash_case("panic", r"crashtest: deliberate panic", "crashtest_panic"),
    # A kernel stack overflow hits the guard page; the double fault runs
    # on its IST stack and still reports.
    Case(name="crashtest_stack_overflow_reports_double_fault",
         cmdline="test crashtest=stackoverflow", expect_exit="fail",
         expect=[r"PANIC on CPU 0: double fault \(vector 8",
                 r"#0 .* crashtest_stack_overflow\+0x",
                 r"the frame above repeats \d+ more times",
                 r"#\d+ .* crashtest_dispatch\+0x", r"#\d+ .* kmain_late\+0x",
                 r"kernel halted"],
         forbid=[]),
]

# Pairs of cases whose logs must be the same once numbers, addresses and
# firmware-specific lines are masked (tools/testrun.py: normalized_log).
SAME_LOG = [("boot_bios_idles", "boot_uefi_idles")]
