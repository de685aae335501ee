"""Marsad's tasks (invoke), named as in Pelican's quickstart: build, rebuild,
serve, livereload, publish, clean, plus test.

Every build writes into a fresh staging directory and replaces output/ only when
Pelican and the post-build checks succeeded, with one atomic rename, so a failed
or killed build leaves the last good output/ in place.
"""

import contextlib
import ctypes
import fcntl
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
CONFIG = {
    "content": ROOT / "content",
    "output": ROOT / "output",
    "staging": ROOT / ".build",
    "settings_base": ROOT / "pelicanconf.py",
    "settings_publish": ROOT / "publishconf.py",
    "host": os.environ.get("MARSAD_HOST", "127.0.0.1"),
    "port": int(os.environ.get("MARSAD_PORT", "8000")),
    "watched": ["content", "data", "theme", "plugins", "pelicanconf.py"],
}
BIN = Path(sys.executable).parent


def _exchange(new, current):
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE).

    Written by hand because no maintained package wraps this one system call;
    os.replace cannot replace a non-empty directory.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    at_fdcwd, rename_exchange = -100, 2
    result = libc.renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(current), rename_exchange)
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno), str(current))


def publish_directory(staging, output):
    """Put the finished build ``staging`` in place of ``output`` in one atomic step."""
    if output.exists():
        _exchange(staging, output)
        shutil.rmtree(staging)  # now holds the previous output
    else:
        os.rename(staging, output)


def check_output(output):
    """Post-build checks that must pass before a build replaces output/."""
    from xml.etree import ElementTree

    problems = [f"{name} is missing" for name in ("index.html", "404.html") if not (output / name).is_file()]
    for xml_file in [output / "sitemap.xml", *sorted((output / "feeds").glob("*.xml"))]:
        try:
            ElementTree.parse(xml_file)
        except (OSError, ElementTree.ParseError) as error:
            problems.append(f"{xml_file.relative_to(output)}: not well-formed XML ({error})")
    return problems


def readable_by_all(folder):
    """Let a web server running as another user read everything in ``folder``.

    mkdtemp makes the staging folder 0700, and a strict umask would make the
    files unreadable too; folders become at least 0755 and files 0644.
    """
    for directory, _, files in os.walk(folder):
        os.chmod(directory, os.stat(directory).st_mode | 0o755)
        for name in files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | 0o644)


@contextlib.contextmanager
def build_lock(folder):
    """One build of this project at a time: a second one waits, and says so.

    The lock is an flock on ``.build/lock``, released by the kernel when the
    process ends, so a killed build never leaves it held.
    """
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            print(
                f"Another build of this project is running ({holder}); waiting for it to finish...",
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        yield


def _reap_children():
    """Stop and reap this process's children (orphans of Pelican's helpers among
    them, while this process is their subreaper); wait until none is left."""
    from devserver.processes import descendants

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        left = descendants(os.getpid())
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # told to stop (SIGTERM) already
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        if not left:
            return
        time.sleep(0.02)


def _set_subreaper(on):
    """Linux: make this process the subreaper of its descendants (prctl
    PR_SET_CHILD_SUBREAPER), so that a helper process orphaned by Pelican's end
    becomes its child, to be stopped and reaped, instead of init's. Written by
    hand: no maintained package wraps prctl. Returns whether it took effect."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, int(on), 0, 0, 0) == 0  # 36: PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _run_pelican(command):
    """Run Pelican; return its exit code, or None if the build was interrupted (Ctrl-C).

    Pelican starts with SIGINT ignored, so a Ctrl-C reaches this process only:
    Pelican is then stopped with SIGTERM, quietly, instead of printing its own
    message or a traceback, and the caller prints one line. Once it returns,
    none of Pelican's helper processes is left running (where Linux's subreaper
    is available): a chart or card worker cannot write into the staging folder
    after it has been removed.
    """
    sys.path.insert(0, str(ROOT / "plugins"))
    from devserver.processes import descendants

    interrupted, running = [], []

    def stop(signum, frame):
        interrupted.append(signum)
        for process in running:
            # Pelican's own helpers too (chart and card workers, page writers): left
            # running, they would go on writing into the staging folder.
            for pid in [process.pid, *descendants(process.pid)]:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass

    # SIGINT is blocked while Pelican starts, so none is lost: the child inherits
    # "ignored", then this process's handler takes any Ctrl-C that came meanwhile.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    subreaper = _set_subreaper(True)
    try:
        running.append(subprocess.Popen(command))
        signal.signal(signal.SIGINT, stop)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        code = running[0].wait()
        if interrupted and subreaper:  # else Pelican's orphans went to init
            _reap_children()
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        if subreaper:
            _set_subreaper(False)
    return None if interrupted else code


def atomic_build(c, settings_file, output=None):
    """Run Pelican into a staging directory; swap it into output/ if all went well."""
    output = Path(output or CONFIG["output"])
    try:
        with build_lock(CONFIG["staging"]):
            _build_and_swap(settings_file, output)
    except KeyboardInterrupt:
        raise Exit(f"Build interrupted; {output.name}/ was left as it was.", code=130) from None


def _remove_staging(staging, patience=10.0):
    """Remove an interrupted build's staging folder. Every helper process of
    Pelican's has been stopped and reaped (_run_pelican); where Linux's subreaper
    was not available, one might still write for a moment, so removal is retried
    until the folder stays gone."""
    deadline = time.monotonic() + patience
    while True:
        shutil.rmtree(staging, ignore_errors=True)
        if not staging.exists():
            time.sleep(0.2)
            if not staging.exists():
                return
        if time.monotonic() > deadline:
            return
        time.sleep(0.1)


def _build_and_swap(settings_file, output):
    for stale in CONFIG["staging"].glob("output-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build (none runs now: locked)
    staging = Path(tempfile.mkdtemp(prefix="output-", dir=CONFIG["staging"]))
    try:
        command = [str(BIN / "pelican"), str(CONFIG["content"]), "-s", str(settings_file), "-o", str(staging)]
        code = _run_pelican(command)
    except KeyboardInterrupt:
        code = None  # a Ctrl-C before Pelican started: the staging folder exists already
    if code is None:
        _remove_staging(staging)
        raise KeyboardInterrupt
    problems = [] if code == 0 else ["pelican failed (problems listed above)"]
    if code == 0:
        problems = check_output(staging)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        message = "\n".join(f"  - {p}" for p in problems)
        raise Exit(f"Build failed; {output.name}/ was left as it was.\n{message}", code=1)
    readable_by_all(staging)
    publish_directory(staging, output)
    print(f"Built {output}")


@task
def clean(c):
    """Remove output/ and any staging directories."""
    for path in (CONFIG["output"], CONFIG["staging"]):
        shutil.rmtree(path, ignore_errors=True)


@task
def build(c):
    """Build the site for development into output/."""
    atomic_build(c, CONFIG["settings_base"])


@task(clean, build)
def rebuild(c):
    """Clean, then build."""


PUBLISH_ORIGIN_MISSING = """\
make publish needs the site's public address, so that canonical links, feeds and
the sitemap name it (never an example address by accident). Set MARSAD_SITE_ORIGIN:

    MARSAD_SITE_ORIGIN=https://<owner>.github.io/<repository> make publish

(no trailing slash; a sub-path such as /marsad is fine). CI sets it in
.github/workflows/pages.yml."""


@task
def publish(c):
    """Build the site for production (publishconf.py) into output/; needs MARSAD_SITE_ORIGIN."""
    if not os.environ.get("MARSAD_SITE_ORIGIN", "").strip():
        raise Exit(PUBLISH_ORIGIN_MISSING, code=1)
    atomic_build(c, CONFIG["settings_publish"])


def check_port_free():
    """Stop with a clear message if the dev server's address is taken (MARSAD_PORT)."""
    host, port = CONFIG["host"], CONFIG["port"]
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise Exit(
                f"Cannot serve on http://{host}:{port}/: port {port} is already in use ({error.strerror}),"
                f" perhaps by another `make serve`.\nChoose another port: MARSAD_PORT={port + 1} make serve",
                code=1,
            ) from None


@task
def serve(c):
    """Serve output/ on http://localhost:8000 (no rebuilds)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    sys.path.insert(0, str(ROOT / "plugins"))
    from i18n.notfound import not_found_page

    class SiteRequestHandler(ComplexHTTPRequestHandler):
        """Pelican's handler, answering a missing file with the site's own 404 page."""

        def do_GET(self):
            requested = self.path.split("?", 1)[0]
            if self.get_path_that_exists(requested) is not None:
                return super().do_GET()
            page = not_found_page(CONFIG["output"], requested)
            if not page.is_file():
                return self.send_error(404)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    check_port_free()
    server = RootedHTTPServer(str(CONFIG["output"]), (CONFIG["host"], CONFIG["port"]), SiteRequestHandler)
    print(f"Serving output/ on http://localhost:{CONFIG['port']}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c):
    """Build, serve on http://localhost:8000 (MARSAD_PORT); on every save, show the
    pages open in the browser at once, then rebuild the whole site (docs/devserver.md)."""
    check_port_free()  # before building, so a busy port is said at once
    sys.path.insert(0, str(ROOT / "plugins"))
    from devserver import DevServer, EditLoop, Pages

    output = CONFIG["output"]
    pages = Pages(output)
    build_command = [str(BIN / "invoke"), "build"]  # the same atomic build as make build
    loop = EditLoop(ROOT, output, CONFIG["settings_base"], CONFIG["watched"], build_command, pages)
    server = DevServer((CONFIG["host"], CONFIG["port"]), output, pages, loop)
    try:
        try:
            atomic_build(c, CONFIG["settings_base"])
        except Exit as failure:
            print(failure.message, file=sys.stderr)  # serve the last good build, if any
        loop.start()
        print(
            f"Serving output/ on http://localhost:{CONFIG['port']}/ (Ctrl-C to stop); "
            "a save shows in the open page at once, the full build follows.",
            flush=True,
        )
        server.serve_forever()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        loop.stop()
        server.server_close()


@task
def logo(c):
    """Remake theme/static/img/logo.png (512x512, the publisher logo in JSON-LD) from favicon.svg.

    The PNG is committed: its letter is drawn with the machine's serif font, so
    it is made once, not on every build.
    """
    import vl_convert

    images = ROOT / "theme" / "static" / "img"
    svg = (images / "favicon.svg").read_text(encoding="utf-8")
    (images / "logo.png").write_bytes(vl_convert.svg_to_png(svg, scale=16))
    print(f"Wrote {images / 'logo.png'}")


LINTED = ["plugins", "tests", "benchmarks", "pelicanconf.py", "publishconf.py", "tasks.py"]
RUFF = [[str(BIN / "ruff"), "check", *LINTED], [str(BIN / "ruff"), "format", "--check", *LINTED]]
MYPY = [str(BIN / "mypy")]


@task
def lint(c):
    """Lint, format check and type check (ruff, mypy over plugins/; settings in pyproject.toml)."""
    for command in RUFF:
        c.run(shlex.join(command), pty=False)
    c.run(shlex.join(MYPY), pty=False)


@task(
    help={
        "k": "only tests matching this expression",
        "args": "extra pytest arguments",
        "lint": "run `invoke lint` too (make test does): ruff first, mypy beside the tests",
    }
)
def test(c, k="", args="", lint=False):
    """Run the whole test suite (builds real sites; browser tests use Debian's chromium)."""
    type_check = None
    if lint:
        for command in RUFF:  # a second or two: a style error stops the run at once
            c.run(shlex.join(command), pty=False)
        # mypy takes one core for about 10 s from a fresh clone (no .mypy_cache):
        # it runs beside pytest instead of before it, its report printed at the end.
        type_check = c.run(shlex.join(MYPY), pty=False, asynchronous=True, hide=True, warn=True)
    # pytest-xdist: one worker per core; no test depends on another's order.
    # worksteal: a worker that runs out takes queued tests from the other, so the
    # long builds at the end do not leave a core idle.
    command = [str(BIN / "pytest"), "-n", "auto", "--dist", "worksteal"]
    if k:
        command += ["-k", k]
    # Bytecode written (__pycache__/, ignored by git) even where the machine says not
    # to: the suite starts a few hundred Python processes (builds, chart and card
    # workers, invoke), and each would otherwise compile the plugins and tests it
    # imports again (about 5 % of the suite's CPU).
    try:
        suite = c.run(
            shlex.join(command) + (" " + args if args else ""),
            pty=False,
            warn=True,
            env={"PYTHONDONTWRITEBYTECODE": ""},
        )
    finally:
        typed = type_check.join() if type_check is not None else None
    if typed is not None:
        sys.stdout.write(typed.stdout)
        sys.stderr.write(typed.stderr)
        if typed.failed:
            raise Exit("mypy found type errors (above)", code=typed.return_code)
    if suite.failed:
        raise Exit(code=suite.return_code)


@task(
    name="import",
    help={
        "from_": "export format: acled, hxl or csv",
        "file": "the export to read (a CSV file)",
        "dataset": "id of the dataset to write or update: data/<id>.yml",
        "mapping": "FROM=csv: the mapping file naming the monitor's columns",
        "version": "the export's version or date (ACLED: default, its newest row)",
        "publisher": "FROM=hxl: who published the export, if its rows name no source",
        "add_places": "write gazetteer entries for unmatched places, for review",
        "within_km": "coordinates match a place within this distance (default 2 km)",
    },
)
def import_(c, from_, file, dataset, mapping="", version="", publisher="", add_places=False, within_km=2.0):
    """Import a monitor's export (ACLED, HXL, CSV + mapping) into data/<dataset>.yml."""
    command = [str(BIN / "python"), "-m", "imports.run", "--from", from_, "--file", file]
    command += ["--dataset", dataset, "--data", str(ROOT / "data"), "--within-km", str(within_km)]
    for flag, value in (("--mapping", mapping), ("--version", version), ("--publisher", publisher)):
        if value:
            command += [flag, value]
    if add_places:
        command.append("--add-places")
    env = {"PYTHONPATH": str(ROOT / "plugins")}
    result = c.run(shlex.join(command), warn=True, pty=False, env=env)
    if not result.ok:
        raise Exit(code=1)


@task
def check(c):
    """Check content/ and data/ as a build does (same messages), without writing pages."""
    command = [str(BIN / "python"), "-m", "strict.check", "-s", str(CONFIG["settings_base"])]
    result = c.run(shlex.join(command), warn=True, pty=False, env={"PYTHONPATH": str(ROOT / "plugins")})
    if not result.ok:
        raise Exit(code=1)


@task
def messages(c):
    """Extract the interface strings (babel.cfg) and merge them into every language's .po file.

    Then translate the new or changed messages in theme/translations/<code>/LC_MESSAGES/messages.po;
    the build fails while one has no translation (docs/i18n.md).
    """
    env = {"PYTHONPATH": str(ROOT / "plugins")}
    pot = ROOT / "theme" / "translations" / "messages.pot"
    keywords = ["-k", "N_", "-k", "_"]
    extract = [
        str(BIN / "pybabel"),
        "extract",
        "-F",
        "babel.cfg",
        *keywords,
        "--no-location",
        "--sort-output",
    ]
    extract += ["--omit-header", "-o", str(pot), "."]
    c.run(shlex.join(extract), env=env, pty=False)
    for po in sorted((ROOT / "theme" / "translations").glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        update = [str(BIN / "pybabel"), "update", "-i", str(pot), "-o", str(po), "-l", language]
        c.run(shlex.join([*update, "--no-fuzzy-matching", "--ignore-obsolete"]), env=env, pty=False)
