"""Hostile metadata: no story can take another page's address, escape output/ or crash the build.

A site with data is built good; then hostile stories are added and it is built
again into the same output folder. Every problem must be listed once, as
``file:line: slug: field: expected ..., found ...``, with no traceback, and
output/ must be left byte-identical (the build stops before writing).
"""

import re

import pytest
from helpers import ROOT, build_site, snapshot

HEAD = "Title: {title}\nDate: 2019-03-{day} 18:00+02:00\nCategory: Idlib\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n'


def story(title, extra="", body="Body.", day="17"):
    return HEAD.format(title=title, day=day) + extra + "\n" + body + "\n"


HOSTILE = {
    # (file, text): the problems it must give, as (line, expected fragment)
    "takes-home.md": (
        story("Takes home", "Save_as: index.html\n"),
        [
            (
                4,
                "takes-home: save_as: expected an address no other page uses, found 'index.html', which is also written by the site's 'index' page",
            )
        ],
    ),
    "takes-404.md": (
        story("Takes 404", "   SAVE_AS: 404.html\n"),
        [
            (
                4,
                "takes-404: save_as: expected an address no other page uses, found '404.html', which is also written by the site's '404' page",
            )
        ],
    ),
    "takes-data.md": (
        story("Takes data", "Save_as: data/casualties/index.html\n"),
        [
            (
                4,
                "takes-data: save_as: expected an address no other page uses, found 'data/casualties/index.html', which is also written by the site's page /data/casualties/",
            )
        ],
    ),
    "takes-record.md": (
        story("Takes record", "Url: data/casualties/s-1/\nSave_as: x/index.html\n"),
        [(4, "takes-record: url: expected an address no other page uses, found 'data/casualties/s-1/'")],
    ),
    "takes-place.md": (
        story("Takes place", "Save_as: places/beta-town/index.html\n"),
        [
            (
                4,
                "takes-place: save_as: expected an address no other page uses, found 'places/beta-town/index.html'",
            )
        ],
    ),
    "takes-static.md": (
        story("Takes static", "Save_as: images/page.html\n"),
        [
            (
                4,
                "takes-static: save_as: expected an address no other page uses, found 'images/page.html', which is also written by content/images/page.html",
            )
        ],
    ),
    "takes-page-2.md": (
        story("Takes page two", "Save_as: index2.html\n"),
        [
            (
                4,
                "takes-page-two: save_as: expected an address no other page uses, found 'index2.html', which is also written by page 2 of the site's 'index' page",
            )
        ],
    ),
    "escapes.md": (
        story("Escapes", "Save_as: ../../escaped.html\n"),
        [
            (
                4,
                "escapes: save_as: expected a path of letters, digits, '-', '_' and '.' segments, without '..', found '../../escaped.html'",
            )
        ],
    ),
    "absolute.md": (
        story("Absolute", "Save_as: /tmp/escaped.html\n"),
        [
            (
                4,
                "absolute: save_as: expected a path inside the site such as 'about/index.html', found '/tmp/escaped.html'",
            )
        ],
    ),
    "redirect.md": (
        story("Redirect out", "Redirect_from: ../../../../tmp/evil/\n"),
        [(4, "redirect-out: redirect_from: expected a path of letters")],
    ),
    "lang.md": (
        story("Bad lang", 'Lang: en" onload="x\n'),
        [(4, "bad-lang: lang: expected one of the site's languages ('en'), found 'en\" onload=\"x'")],
    ),
    "template.md": (
        story("Other template", "Template: page\n"),
        [(4, "other-template: template: unknown metadata key")],
    ),
    "typo.md": (
        story("Typo", "").replace("Category:", "Categroy:"),
        [(3, "typo: categroy: unknown metadata key (did you mean 'category'?)")],
    ),
    "long-slug.md": (
        story("Long slug", "Slug: " + "a" * 200 + "\n"),
        [(4, "slug: expected at most 100 characters, found 200")],
    ),
    "long-title.md": (
        story("word " * 80),
        [
            (
                1,
                "title: expected a title whose address is at most 100 characters (or a shorter Slug:), found one of 399",
            )
        ],
    ),
    "js-slug.md": (
        story("Js slug", "Slug: javascript:alert(1)\n"),
        [
            (
                4,
                "slug: expected letters, digits and hyphens (like idlib-march-2019), found 'javascript:alert(1)'",
            )
        ],
    ),
    "twin-a.md": (story("Twin", "Slug: twin\n", day="10"), []),
    "twin-b.md": (
        story("Twin again", "Slug: twin\n", day="11"),
        [
            (
                4,
                "twin: slug: expected a slug no other story uses, found 'twin', which content/articles/twin-a.md:4 also has",
            )
        ],
    ),
    "links.md": (
        story(
            "Links",
            "",
            '<a href="javascript:alert(703)">a</a>\n<a href="JaVaScRiPt:alert(704)">b</a>\n'
            '<a href="&#106;avascript:alert(705)">c</a>\n[d](javascript:alert(706))\n'
            '<a href=" java\tscript:alert(707)">e</a>\n<a href="data:text/html,<script>alert(708)</script>">f</a>\n'
            '<img src="https://tracker.example.org/pixel.gif" alt="g">\n[h](../../../../etc/passwd)\n\n'
            '```\n<a href="javascript:alert(709)">code is text, not a link</a>\n```',
        ),
        [
            (n, "links: link: expected an http(s) or site address, found a javascript: URL")
            for n in range(5, 10)
        ]
        + [
            (10, "links: link: expected an http(s) or site address, found a data: URL"),
            (
                11,
                "links: image: expected an image file of this site (the site loads nothing from another host), found 'https://tracker.example.org/pixel.gif'",
            ),
            (12, "links: link: expected a file inside the content folder, found '../../../../etc/passwd'"),
        ],
    ),
    "images.md": (
        story(
            "Images",
            "Image: https://tracker.example.org/p.gif\n",
            '![a]({static}/images/missing.png)\n\n<img src="//cdn.example.org/x.png" alt="x">\n\n[climb]({static}/../../../etc/passwd) [js](JaVa&#x53;cript:alert(1)) <a href="data:text/html,x">d</a>',
        ),
        [
            (
                4,
                "images: image: expected an image file of this site (the site loads nothing from another host), found 'https://tracker.example.org/p.gif'",
            ),
            (
                6,
                "images: image: expected an existing image file under the content folder, found '{static}/images/missing.png'",
            ),
            (
                8,
                "images: image: expected an image file of this site (the site loads nothing from another host), found '//cdn.example.org/x.png'",
            ),
            (
                10,
                "images: link: expected a file inside the content folder, found '{static}/../../../etc/passwd'",
            ),
            (10, "images: link: expected an http(s) or site address, found a javascript: URL"),
            (10, "images: link: expected an http(s) or site address, found a data: URL"),
        ],
    ),
}


@pytest.fixture(scope="module")
def hostile_addresses(tmp_path_factory):
    base = tmp_path_factory.mktemp("addresses")
    files = {"content/images/page.html": "<p>a static page</p>\n", "content/images/x.svg": SVG}
    # Enough stories for a second home page (DEFAULT_PAGINATION is 12).
    files.update(
        {f"content/articles/filler-{n}.md": story(f"Filler {n}", day=f"{n:02d}") for n in range(1, 13)}
    )
    good = build_site(base, fixture="datasets-site", files=files)
    assert good.ok, good.log
    before = snapshot(good.output)
    extra = {f"content/articles/{name}": text for name, (text, _) in HOSTILE.items()}
    extra["content/articles/binary.md"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"
    extra["content/articles/latin1.md"] = "Title: Caf\xe9\nDate: 2019-03-17 18:00+02:00\n".encode("latin-1")
    site = build_site(base, fixture="datasets-site", files={**files, **extra})
    return site, before


def test_every_address_problem_is_listed_once(hostile_addresses):
    site, _ = hostile_addresses
    assert site.returncode == 1, site.log
    assert "Traceback" not in site.log, site.log
    summary = site.log.split("Build failed with", 1)[1]
    missing = []
    for name, (_, problems) in HOSTILE.items():
        for line, fragment in problems:
            pattern = re.escape(f"content/articles/{name}:{line}: ") + r"(?:\S+: )?" + re.escape(fragment)
            if len(re.findall(pattern, summary)) != 1:
                missing.append(f"{name}:{line}: {fragment}")
    assert not missing, "not listed exactly once:\n" + "\n".join(missing) + "\n" + summary


def test_binary_and_misencoded_stories_give_one_line_each(hostile_addresses):
    site, _ = hostile_addresses
    for name, line in (("binary.md", 1), ("latin1.md", 1)):
        expected = (
            f"content/articles/{name}:{line}: {name}: file: expected UTF-8 text, found bytes that are not"
        )
        assert site.log.split("Build failed with", 1)[1].count(expected) == 1, site.log


def test_the_run_lists_nothing_twice_and_no_knock_on_problem(hostile_addresses):
    site, _ = hostile_addresses
    listed = [
        line for line in site.log.split("Build failed with", 1)[1].splitlines()[1:] if line.startswith("  - ")
    ]
    assert len(listed) == len(set(listed)), listed
    assert not [line for line in listed if "Could not process" in line or "There are" in line], listed
    expected = sum(len(p) for _, p in HOSTILE.values()) + 2
    assert len(listed) == expected, "\n".join(listed)


def test_output_is_left_byte_identical(hostile_addresses):
    site, before = hostile_addresses
    assert snapshot(site.output) == before
    assert not (site.site / "escaped.html").exists() and not (site.site.parent / "escaped.html").exists()


def test_the_writer_never_writes_a_path_twice(tmp_path, caplog):
    """The backstop behind the plan: a second write to a path, even with Pelican's
    override_output, is refused and reported, and the first file is kept."""
    import sys

    from jinja2 import DictLoader, Environment
    from pelican.settings import DEFAULT_CONFIG

    sys.path.insert(0, str(ROOT / "plugins"))
    from guard.writer import GuardedWriter

    writer = GuardedWriter(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    templates = Environment(loader=DictLoader({"dataset.html": "first", "record.html": "second"}))
    writer.write_file("a/index.html", templates.get_template("dataset.html"), {}, override_output=True)
    writer.write_file("a/index.html", templates.get_template("record.html"), {}, override_output=True)
    assert (tmp_path / "a" / "index.html").read_text() == "first"
    assert (
        "a/index.html:1: the template 'record.html': output: expected an address no other page uses, "
        "found 'a/index.html', already written by the template 'dataset.html'" in caplog.text
    )
