"""Reading a story's source for lines: metadata keys and values, links in the text."""

from related.sitepaths import normal
from related.sources import read_source

SOURCE = """\
Title: A story
Places: alpha-town,
    beta-town
Related: other-story

A [link]({filename}other.md) and ![an image]({static}/images/a.svg).
<a href="/data/strikes/">raw HTML</a> and `[in code]({filename}code.md)`.

[ref]: /places/alpha-town/

```
[fenced]({filename}fenced.md)
```

    [indented code]({filename}indented.md)

- a list item with a [link](/archives/)

      [a second paragraph of the item](/tags/)
"""


def scan(tmp_path):
    path = tmp_path / "story.md"
    path.write_text(SOURCE, encoding="utf-8")
    return read_source(str(path), "content/articles/story.md")


def test_metadata_key_and_value_lines(tmp_path):
    source = scan(tmp_path)
    assert source.line_of("places") == 2
    assert source.line_of("places", "alpha-town") == 2
    assert source.line_of("places", "beta-town") == 3
    assert source.line_of("related", "other-story") == 4
    assert source.line_of("places", "town") == 2  # whole ids only, else the key's line
    assert source.line_of("datasets") == 1  # a key not given


def test_links_with_their_lines(tmp_path):
    assert [(link.line, link.target) for link in scan(tmp_path).links] == [
        (6, "{filename}other.md"),
        (6, "{static}/images/a.svg"),
        (7, "/data/strikes/"),
        (9, "/places/alpha-town/"),
        (17, "/archives/"),
        (19, "/tags/"),
    ]


def test_a_file_without_metadata_is_all_text(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("Just [a link](/x/).\n", encoding="utf-8")
    source = read_source(str(path), "page.md")
    assert source.key_lines == {}
    assert [(link.line, link.target) for link in source.links] == [(1, "/x/")]


def test_paths_are_compared_without_index_query_or_fragment():
    assert normal("/data/strikes/index.html?x=1#strike-1") == "data/strikes"
    assert normal("data/strikes/") == normal("/data/strikes") == "data/strikes"
    assert normal("/") == normal("index.html") == ""
