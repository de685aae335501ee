"""Marsad's tasks (invoke), named as in Pelican's quickstart: build, rebuild,
serve, livereload, publish, clean, plus test.

Every build writes into a fresh staging directory and replaces output/ only when
Pelican and the post-build checks succeeded, with one atomic rename, so a failed
or killed build leaves the last good output/ in place.
"""

import base64
import ctypes
import hashlib
import os
import shlex
import shutil
import sys
import tempfile
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
# The one inline script the livereload server (livereload==2.7.1) injects into
# every page it serves. The development build allows exactly this script, by
# its hash, in the Content-Security-Policy; published builds never do.
LIVERELOAD_SNIPPET = (
    "(function(){"
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port'
    '+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);"
    "})();"
)


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


def atomic_build(c, settings_file, output=None):
    """Run Pelican into a staging directory; swap it into output/ if all went well."""
    output = Path(output or CONFIG["output"])
    CONFIG["staging"].mkdir(exist_ok=True)
    for stale in CONFIG["staging"].glob("output-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a killed build
    staging = Path(tempfile.mkdtemp(prefix="output-", dir=CONFIG["staging"]))
    command = [str(BIN / "pelican"), str(CONFIG["content"]), "-s", str(settings_file), "-o", str(staging)]
    result = c.run(shlex.join(command), warn=True, pty=False)
    problems = [] if result.ok else ["pelican failed (problems listed above)"]
    if result.ok:
        problems = check_output(staging)
    if problems:
        shutil.rmtree(staging, ignore_errors=True)
        message = "\n".join(f"  - {p}" for p in problems)
        raise Exit(f"Build failed; {output.name}/ was left as it was.\n{message}", code=1)
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


@task
def publish(c):
    """Build the site for production (publishconf.py) into output/."""
    atomic_build(c, CONFIG["settings_publish"])


@task
def serve(c):
    """Serve output/ on http://localhost:8000 (no rebuilds)."""
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    server = RootedHTTPServer(
        str(CONFIG["output"]), (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler
    )
    print(f"Serving output/ on http://localhost:{CONFIG['port']}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def livereload(c):
    """Build, serve on http://localhost:8000 and rebuild + reload on every change."""
    from livereload import Server

    def rebuild_quietly():
        try:
            atomic_build(c, CONFIG["settings_base"])
        except Exit as failure:
            print(failure.message, file=sys.stderr)  # keep serving the last good build

    digest = base64.b64encode(hashlib.sha256(LIVERELOAD_SNIPPET.encode()).digest()).decode()
    os.environ["MARSAD_DEV_SCRIPT_HASH"] = f"sha256-{digest}"
    rebuild_quietly()
    server = Server()
    for path in CONFIG["watched"]:
        pattern = ROOT / path
        server.watch(str(pattern / "**" / "*") if pattern.is_dir() else str(pattern), rebuild_quietly)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=str(CONFIG["output"]))


LINTED = ["plugins", "tests", "benchmarks", "pelicanconf.py", "publishconf.py", "tasks.py"]


@task
def lint(c):
    """Lint and format check (ruff; settings in pyproject.toml)."""
    c.run(shlex.join([str(BIN / "ruff"), "check", *LINTED]), pty=False)
    c.run(shlex.join([str(BIN / "ruff"), "format", "--check", *LINTED]), pty=False)


@task(help={"k": "only tests matching this expression", "args": "extra pytest arguments"})
def test(c, k="", args=""):
    """Run the whole test suite (builds real sites; browser tests use Debian's chromium)."""
    # pytest-xdist: one worker per core; no test depends on another's order.
    command = [str(BIN / "pytest"), "-n", "auto"]
    if k:
        command += ["-k", k]
    c.run(shlex.join(command) + (" " + args if args else ""), pty=False)
