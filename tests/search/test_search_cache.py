"""The kept index (plugins/search/cache.py): a build whose pages did not change
gets the index a fresh Pagefind run would write, without running Pagefind."""

import gzip
import json
import shutil
import subprocess

import searchsite  # noqa: F401  (plugins/ on the path)
from helpers import build_site
from jinja2 import Template

from press.writer import WRITTEN, PressWriter
from search import cache
from search.index import pagefind_commands, prune_records_part

STORY = {
    "content/articles/one.md": """\
        Title: One story about Saraqib
        Date: 2019-03-16 10:00+02:00
        Category: Testing

        A sentence that names Saraqib and Idlib.
        """
}
KEPT = "plugins/search: no page changed; the kept Pagefind index copied"
# Pagefind writes these from a hash map: their bytes and names change from run to run
# (upstream Pagefind/pagefind#638), so they are compared by count and size, not bytes.
UNSTABLE = (".pf_meta", ".pf_filter")


def index_contents(folder):
    """{relative path: decompressed bytes} of an index's stable files, and
    [(suffix, decompressed size)] of its unstable ones."""
    stable, unstable = {}, []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            data = gzip.decompress(data)
        if path.suffix in UNSTABLE:
            unstable.append((path.suffix, len(data)))
        elif path.name == "pagefind-entry.json":  # each part's
            entry = json.loads(data)
            stable[name] = {code: language["page_count"] for code, language in entry["languages"].items()}
        else:
            stable[name] = data
    return stable, sorted(unstable)


def test_an_unchanged_site_gets_the_index_a_fresh_run_would_write(tmp_path):
    wide = {"COLUMNS": "400"}  # Pelican's log (rich) wraps lines at the terminal's width
    # The datasets fixture: record pages, so the index has its records part too.
    first = build_site(tmp_path, "datasets-site", files=STORY, pelican_args=["-v"], env=wide)
    assert first.ok, first.log
    assert KEPT not in first.log
    shutil.rmtree(first.output)  # as `invoke build` stages a fresh folder
    second = build_site(tmp_path, "datasets-site", files=STORY, pelican_args=["-v"], env=wide)
    assert second.ok, second.log
    assert KEPT in second.log
    # A fresh Pagefind run over the second build's pages, for comparison.
    fresh = tmp_path / "fresh"
    shutil.copytree(second.output, fresh, ignore=shutil.ignore_patterns("pagefind"))
    for command in pagefind_commands(fresh, "pagefind"):  # the story's site has records too
        subprocess.run(command, check=True, capture_output=True)
    prune_records_part(fresh / "pagefind")
    kept_files, kept_unstable = index_contents(second.output / "pagefind")
    fresh_files, fresh_unstable = index_contents(fresh / "pagefind")
    assert kept_files.keys() == fresh_files.keys()
    assert kept_files == fresh_files
    assert kept_unstable == fresh_unstable
    assert any(name.startswith("fragment/") for name in kept_files)
    assert any(name.startswith("records/fragment/") for name in kept_files)


def test_any_change_of_a_page_or_of_the_command_is_a_new_key(tmp_path):
    output = tmp_path / "output"
    (output / "a").mkdir(parents=True)
    (output / "a" / "index.html").write_text("<html><body>Saraqib</body></html>")
    (output / "pagefind").mkdir()
    (output / "pagefind" / "ignored.html").write_text("not a page Pagefind reads")
    commands = pagefind_commands(output, "pagefind")
    key = cache.pages_digest(output, "pagefind", commands)
    (output / "pagefind" / "ignored.html").write_text("changed")
    assert cache.pages_digest(output, "pagefind", commands) == key
    main, records = commands
    assert cache.pages_digest(output, "pagefind", [main, [*records, "--exclude-selectors", "nav"]]) != key
    (output / "a" / "index.html").write_text("<html><body>Saraqeb</body></html>")
    changed = cache.pages_digest(output, "pagefind", commands)
    assert changed != key
    (output / "a" / "index.html").rename(output / "b.html")
    assert cache.pages_digest(output, "pagefind", commands) not in (key, changed)


def test_pages_hashed_as_written_give_the_key_of_pages_read_back(tmp_path):
    """plugins/press's writer hashes each page as it writes it (press.writer.WRITTEN):
    the key is the one reading the pages back gives, and a page changed after its
    writer closed it (in place, or replaced) is read back, so the key changes."""
    output = tmp_path / "output"
    output.mkdir()
    writer = PressWriter(str(output), settings={})
    page = Template("<html><body>{{ words }}</body></html>")
    WRITTEN.clear()
    for name, words in (("a/index.html", "Saraqib"), ("b/index.html", "Idlib")):
        writer.write_file(name, page, {"words": words, "localsiteurl": ""})
    assert {str(output / "a" / "index.html"), str(output / "b" / "index.html")} <= set(WRITTEN)
    commands = pagefind_commands(output, "pagefind")
    key = cache.pages_digest(output, "pagefind", commands)
    recorded = dict(WRITTEN)
    WRITTEN.clear()
    assert cache.pages_digest(output, "pagefind", commands) == key  # read back: the same key
    WRITTEN.update(recorded)
    (output / "a" / "index.html").write_text("<html><body>Saraqeb, changed</body></html>")
    in_place = cache.pages_digest(output, "pagefind", commands)
    assert in_place != key
    WRITTEN.clear()
    assert cache.pages_digest(output, "pagefind", commands) == in_place
    WRITTEN.update(recorded)
    replaced = tmp_path / "replaced.html"
    replaced.write_text("<html><body>Idleb</body></html>")  # the same size as "Idlib"'s page
    replaced.replace(output / "b" / "index.html")
    assert cache.pages_digest(output, "pagefind", commands) not in (key, in_place)
    WRITTEN.clear()
