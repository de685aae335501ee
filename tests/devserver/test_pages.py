"""plugins/devserver: which output file a browser shows, and the tag added on the wire."""

from devserver.http import with_script
from devserver.pages import Pages, output_file


def test_an_address_names_the_file_output_holds_for_it():
    assert output_file("/") == "index.html"
    assert output_file("/2019/03/a-story/") == "2019/03/a-story/index.html"
    assert output_file("/ar/data/patrols/?sort=date") == "ar/data/patrols/index.html"
    assert output_file("/feeds/all.atom.xml") == "feeds/all.atom.xml"
    assert output_file("/../../etc/passwd") == "etc/passwd"  # never above output/


def test_the_script_goes_before_the_end_of_the_body_and_nowhere_else():
    page = b"<!doctype html><html><body><p>x</p></body></html>"
    served = with_script(page, "abc")
    assert served == (
        b'<!doctype html><html><body><p>x</p><script src="/_marsad/devserver.js"'
        b' data-version="abc" defer></script></body></html>'
    )


def test_a_browser_is_told_to_reload_only_when_its_page_changed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"first")
    (tmp_path / "b.html").write_bytes(b"other")
    pages = Pages(tmp_path)
    on_a = pages.open("/a/", pages.version("a/index.html"))
    on_b = pages.open("/b.html", pages.version("b.html"))
    assert pages.in_view() == {"a/index.html", "b.html"}
    (tmp_path / "a" / "index.html").write_bytes(b"second")
    pages.announce()
    assert on_a.messages.get_nowait() == ("reload", "a/index.html")
    assert on_b.messages.empty()
    pages.show_problems(["content/articles/x.md:2: x: date: expected a date, found 'soon'"])
    assert on_b.messages.get_nowait()[0] == "problems"
    pages.clear_problems()
    assert on_b.messages.get_nowait() == ("ok", "")
    late = pages.open("/a/", "an-older-version")  # the page changed while it loaded
    assert late.messages.get_nowait() == ("reload", "a/index.html")
