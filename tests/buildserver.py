"""A build server for the tests: Pelican and Marsad's plugins imported once, a fork per build.

A ``pelican`` process spends about half a second of CPU importing (Pelican 0.15 s,
the third-party packages a build uses 0.1 s, Marsad's plugins with the pydantic
models of plugins/datasets 0.3 s) before it reads a file, and the suite starts
well over a hundred builds. :func:`tests.helpers.build_site` starts one server per
pytest(-xdist) process, a fresh interpreter that imports what every build imports
and then waits, single-threaded; for each build it forks a child that becomes
the ``pelican`` command: its own folder, environment, arguments, stdout and
stderr (files), the console script run as ``__main__`` (so chart and card
workers are spawned from it as from ``pelican``), and the interpreter's own exit
(atexit, threads, exit code). Nothing is built in the server, so every child
starts as fresh as a new process, with the same modules imported.

Where the order differs (the server imports the plugins before Pelican configures
logging), :func:`logging_configured_first` puts it back. What a child cannot take
from the build is what the interpreter or an imported module reads when it starts
(locale, ``PYTHON*``, the width of Pelican's rich console from ``COLUMNS``):
helpers.build_site runs a ``pelican`` process of its own when the build's
environment differs from the server's in anything but the variables read while
building (:data:`READ_WHILE_BUILDING`), or when its settings name other PLUGINS
or PLUGIN_PATHS. A child's /proc/self/environ and cmdline are the server's
(a test that needs them asks for ``own_process``). A server's children share its hash seed (set order): each
pytest process has two servers of different seeds and takes them in turn, so
two builds in a row, as a test comparing them makes, differ in it as two
processes would.
tests/foundation/test_build_server.py compares served builds with their own process's.

Protocol: one JSON line per request on the request pipe, ``{"argv", "cwd",
"env", "stdout", "stderr"}``; the server answers ``{"pid"}`` when the child is
forked and ``{"returncode"}`` (as subprocess's: negative for a signal) when it ended.
"""

import atexit
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

# Environment variables that preloaded code does not read at import: only the
# settings and the plugins read them, while building (audited: plugins/ reads
# no variable at import, pelicanconf.py is run by each build).
READ_WHILE_BUILDING = ("SOURCE_DATE_EPOCH", "TZ", "PYTEST_CURRENT_TEST")
READ_WHILE_BUILDING_PREFIXES = ("MARSAD_",)
# Modules of the PLUGINS packages that a build of a small site does not import
# (`make check`'s, `make import`'s, the custom charts', the bare benchmark's, Babel's
# extractor): a child holds no module its own process would not hold
# (tests/foundation/test_build_server.py).
NOT_IN_A_BUILD = ("strict.check", "imports.", "charts.build", "i18n.bare", "i18n.extract")


def preload(plugin_path, plugins):
    """Import what the ``pelican`` command and a build's plugins import: Pelican, its
    namespace plugins, then ``plugins`` with Pelican's own loader (in PLUGINS order:
    a plugin imports those before it) and every module of those packages.

    Refuses (SystemExit) when an import logs, warns or starts a thread: a build
    would see that in its own run, a child of this process would not."""
    import importlib
    import logging
    import pkgutil
    import warnings

    heard = []
    listener = logging.Handler()
    listener.emit = heard.append
    logging.getLogger().addHandler(listener)
    with warnings.catch_warnings(record=True) as warned:
        import pelican.__main__  # noqa: F401  (the console script's import)
        from pelican.plugins._utils import get_namespace_plugins, load_legacy_plugin

        get_namespace_plugins()
        packages = [load_legacy_plugin(name, [plugin_path]) for name in plugins]
        while packages:  # not pkgutil.walk_packages: it imports every package it walks
            package = packages.pop(0)
            for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
                if not module.name.startswith(NOT_IN_A_BUILD):
                    imported = importlib.import_module(module.name)
                    if module.ispkg:
                        packages.append(imported)
    logging.getLogger().removeHandler(listener)
    said = [record.getMessage() for record in heard] + [str(warning.message) for warning in warned]
    if said or len(os.listdir("/proc/self/task")) != 1:
        raise SystemExit(f"buildserver: importing logged, warned or started a thread: {said}")


def logging_configured_first():
    """Let the command configure logging before the handlers preloading added to the root
    logger (strict's collector), as when it configures logging and then imports plugins.

    ``logging.basicConfig`` (Pelican's ``log.init``) does nothing while the root logger
    has a handler; for its one call, those handlers step aside and come back after its own.
    """
    import logging

    root, configure = logging.getLogger(), logging.basicConfig
    added = list(root.handlers)  # this process's root logger had none before preload()

    def basic_config(**options):
        logging.basicConfig = configure
        for handler in added:
            root.removeHandler(handler)
        try:
            configure(**options)
        finally:
            for handler in added:
                root.addHandler(handler)

    if added:
        logging.basicConfig = basic_config


def become_build(request, startup_path, channels):
    """In the forked child: become ``request["argv"]`` run in its folder and environment.

    Ends the process as the interpreter ends the command's (SystemExit, atexit)."""
    for channel in channels:
        channel.close()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    sys.argv = list(request["argv"])
    sys.path[:] = startup_path
    logging_configured_first()
    run_as_main(request["argv"][0])
    sys.exit(0)  # the script returned without sys.exit()


def run_as_main(script):
    """Run ``script`` as ``python <script>`` runs it: a new ``__main__`` module (runpy
    would do it too, but a child would then hold a module the command does not)."""
    import importlib.machinery
    import types

    main = types.ModuleType("__main__")
    main.__file__ = script
    main.__loader__ = importlib.machinery.SourceFileLoader("__main__", script)
    sys.modules["__main__"] = main
    with open(script, "rb") as source:
        code = compile(source.read(), script, "exec")
    exec(code, main.__dict__)


def serve(requests_fd, replies_fd, script, plugin_path, plugins):
    """Preload, then fork a build for each request until the request pipe closes."""
    sys.path[0] = os.path.dirname(script)  # as `python <script>` starts, not this folder
    startup_path = list(sys.path)
    preload(plugin_path, plugins)
    requests = os.fdopen(requests_fd, "r", encoding="utf-8")
    replies = os.fdopen(replies_fd, "w", encoding="utf-8")

    def reply(**message):
        replies.write(json.dumps(message) + "\n")
        replies.flush()

    reply(ready=os.getpid())
    for line in requests:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            become_build(request, startup_path, (requests, replies))
        reply(pid=pid)
        _, status = os.waitpid(pid, 0)
        reply(returncode=os.waitstatus_to_exitcode(status))


class BuildServer:
    """The client: starts the server, sends it builds, one at a time."""

    def __init__(self, script, plugin_path, plugins, seed):
        self.env = dict(_IMPORTED_WITH)  # not a test's monkeypatched environment
        self.lock = threading.Lock()
        self.log = tempfile.TemporaryFile()  # the server's own stderr, shown if it fails
        requests_read, self.requests = os.pipe()
        self.replies, replies_write = os.pipe()
        self.process = subprocess.Popen(
            [
                sys.executable,
                __file__,
                str(requests_read),
                str(replies_write),
                script,
                plugin_path,
                ",".join(plugins),
            ],
            pass_fds=(requests_read, replies_write),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            env={"PYTHONHASHSEED": str(seed), **self.env},  # a seed of the user's stands
        )
        os.close(requests_read)
        os.close(replies_write)
        self.pending = b""
        self._reply("ready", timeout=300)

    def fits(self, env):
        """Whether a child of the server can run a build with ``env``: it differs from
        the server's only in variables read while building."""
        return all(
            name in READ_WHILE_BUILDING or name.startswith(READ_WHILE_BUILDING_PREFIXES)
            for name in env.keys() | self.env.keys()
            if env.get(name) != self.env.get(name)
        )

    def run(self, argv, cwd, env, timeout):
        """Run ``argv`` (a console script and its arguments) as a child of the server;
        (returncode, stdout, stderr) as subprocess.run(..., text=True) gives them."""
        with self.lock, tempfile.TemporaryDirectory(prefix="build-") as folder:
            out, err = os.path.join(folder, "stdout"), os.path.join(folder, "stderr")
            request = {
                "argv": [str(a) for a in argv],
                "cwd": str(cwd),
                "env": env,
                "stdout": out,
                "stderr": err,
            }
            os.write(self.requests, (json.dumps(request) + "\n").encode())
            deadline = time.monotonic() + timeout
            pid = self._reply("pid", timeout=60)
            try:
                returncode = self._reply("returncode", timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.kill(pid, signal.SIGKILL)  # as subprocess.run does on its timeout
                self._reply("returncode", timeout=60)
                raise subprocess.TimeoutExpired(argv, timeout, _read(out), _read(err)) from None
            return returncode, _read(out), _read(err)

    def _reply(self, key, timeout):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.replies], [], [], left)[0]:
                raise subprocess.TimeoutExpired("buildserver", timeout)
            chunk = os.read(self.replies, 65536)
            if not chunk:
                self.log.seek(0)
                raise RuntimeError(f"the build server stopped: {self.log.read().decode(errors='replace')}")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)[key]

    def close(self):
        os.close(self.requests)  # the server ends when its request pipe does
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _read(path):
    """A file's text as subprocess's text=True reads a pipe (locale encoding, universal newlines)."""
    with open(path) as handle:
        return handle.read()


_IMPORTED_WITH = dict(os.environ)  # the environment when pytest started (conftest imports this)
_servers: list = []
_turn = 0


def server(script, plugin_path, plugins):
    """One of this process's two build servers, in turn: they are started on first
    use (with hash seeds of their own, so two builds in a row iterate sets in different
    orders, as two processes would) and stopped at exit."""
    global _turn
    if not _servers:
        seeds = random.SystemRandom().sample(range(1, 2**32), 2)
        for seed in seeds if "PYTHONHASHSEED" not in _IMPORTED_WITH else seeds[:1]:
            _servers.append(BuildServer(script, plugin_path, plugins, seed))
            atexit.register(_servers[-1].close)
    _turn += 1
    return _servers[_turn % len(_servers)]


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5].split(","))
