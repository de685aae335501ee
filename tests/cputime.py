"""``pytest --cpu-durations=N``: the N tests that cost the most CPU time.

Wall time says little on a shared machine; CPU seconds do not depend on what
else runs. Each phase (setup, call, teardown) of a test is charged the CPU time
that the pytest process and every process under it (Pelican builds, vnu, the
Playwright driver and chromium) spent during it, read from /proc (a phase starts where the one before ended): the user and
system time of each live process plus what its finished children spent. A
session fixture is charged to the first test that asks for it. Works with
pytest-xdist (each worker measures its own tests); Linux only.
"""

import os

import pytest

_TICK = os.sysconf("SC_CLK_TCK")
_PHASES = pytest.StashKey[dict]()  # on a test item: {phase: CPU seconds}
_last = None  # the reading at the end of the last phase measured: the next one starts there
_COLLECTED = {}  # where reports arrive (the xdist controller): {(nodeid, phase): seconds}


def _tree_cpu(root):
    """CPU seconds spent so far by process ``root`` and all its live descendants
    (each one's own time plus that of the children it has reaped)."""
    stats = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after the name: state ppid ... utime(12) stime(13) cutime(14) cstime(15)
            stats[int(name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    children = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        total += stats.get(pid, (0, 0))[1]
        pending.extend(children.get(pid, ()))
    return total / _TICK


def pytest_addoption(parser):
    parser.addoption(
        "--cpu-durations",
        type=int,
        default=None,
        metavar="N",
        help="show the N tests that used the most CPU time (0: all), with the total",
    )


def _enabled(config):
    return config.getoption("cpu_durations") is not None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    yield from _measure(item, "setup")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield from _measure(item, "call")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    yield from _measure(item, "teardown")


def _measure(item, phase):
    if not _enabled(item.config):
        yield
        return
    global _last
    before = _tree_cpu(os.getpid()) if _last is None else _last
    yield
    _last = _tree_cpu(os.getpid())
    item.stash.setdefault(_PHASES, {})[phase] = _last - before


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    seconds = item.stash.get(_PHASES, {}).get(call.when)
    if seconds is not None:
        outcome.get_result().user_properties.append(("cpu_seconds", seconds))


def pytest_runtest_logreport(report):
    for name, value in report.user_properties:
        if name == "cpu_seconds":
            _COLLECTED[(report.nodeid, report.when)] = value


def pytest_terminal_summary(terminalreporter, config):
    count = config.getoption("cpu_durations")
    if count is None or not _COLLECTED:
        return
    ranked = sorted(_COLLECTED.items(), key=lambda entry: entry[1], reverse=True)
    writer = terminalreporter
    spent = sum(seconds for seconds in _COLLECTED.values() if seconds > 0)
    writer.write_sep("=", f"CPU time of the tests: {spent:.1f} s in all")
    lost = -sum(seconds for seconds in _COLLECTED.values() if seconds < 0)
    if lost:
        # A process that ends without being waited for (chromium's, when Playwright
        # stops) takes its time with it: the phase it ends in reads negative.
        writer.write_line(
            f"(not subtracted: {lost:.1f} s counted earlier went with processes never waited for)"
        )
    for (nodeid, phase), seconds in ranked[: count or None]:
        writer.write_line(f"{seconds:8.2f}s cpu {phase:<8} {nodeid}")
