"""Run the command-line checkers (Nu HTML Checker, LinkChecker) and parse what they say."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
# One checking thread: over a local server, more threads only contend for the GIL
# (about 15 % more CPU for the default site, and no sooner done on two cores).
LINKCHECKER_CONFIG = """\
[checking]
threads=1
maxrequestspersecond=1000
robotstxt=0
timeout=30
[filtering]
checkextern=0
[AnchorCheck]
"""


def vnu(paths, extra=()):
    """Check files or folders with vnu.jar in one JVM; return its messages (dicts)."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not found: install a Java runtime with `bash .ci/system-packages`")
    if not VNU_JAR.is_file():
        raise RuntimeError(f"{VNU_JAR} not found: run `npm ci --ignore-scripts` at the project root")
    # One short run: the C2 compiler and the parallel collector cost more CPU than they
    # save (C1 only and the serial collector: under half the CPU, the same messages).
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    command = [java, *quick, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", *extra, *map(str, paths)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    try:
        return json.loads(result.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise RuntimeError(
            f"vnu did not answer in JSON (exit {result.returncode}):\n{result.stderr[-3000:]}"
        ) from None


def describe_vnu(messages, root):
    lines = []
    prefix = "file:" + str(Path(root).resolve()) + "/"
    for m in messages:
        where = m.get("url", "").replace(prefix, "")
        lines.append(
            f"{where}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}"
            f"\n    {m.get('extract', '').strip()[:200]}"
        )
    return "\n".join(lines)


def linkcheck(urls, workdir):
    """Run LinkChecker (internal links, anchors, assets) from ``urls``; return rows as dicts.

    External links are only syntax-checked (``checkextern=0``): the test stays offline.
    """
    config = Path(workdir) / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    command = [str(LINKCHECKER), "-f", str(config), "--no-status", "-v", "-o", "csv", *urls]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=workdir)
    lines = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))
    if not rows:
        raise RuntimeError(
            f"LinkChecker checked nothing (exit {result.returncode}):\n{result.stderr[-3000:]}"
        )
    return rows
