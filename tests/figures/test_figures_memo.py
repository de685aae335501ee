"""The counts found in a story's prose are kept between builds (figures/memo.py) and
read back exactly as counts.find_counts gives them; an edited text is counted afresh."""

import json

from figures import memo
from figures.counts import find_counts

TEXT = (
    "The strikes killed 15 people, among them 4 children, on 13 March 2019.\n\n"
    "Between 20 and 25 families fled; 39 locations in Idlib, 34 in Hama and 16 in Aleppo were hit.\n"
    "| Governorate | Locations targeted |\n|---|---|\n| Idlib | 39 |\n"
)


def test_kept_counts_are_what_find_counts_gives(tmp_path, monkeypatch):
    first = memo.CountsMemo(str(tmp_path))
    assert first.find(TEXT, (30,)) == find_counts(TEXT, (30,))
    first.save()
    stored = json.loads((tmp_path / memo.FILE).read_text(encoding="utf-8"))
    assert len(stored["counts"]) == 1

    def not_again(*args):
        raise AssertionError("counted again instead of read from the cache")

    monkeypatch.setattr(memo, "find_counts", not_again)
    again = memo.CountsMemo(str(tmp_path))
    counts = again.find(TEXT, (30,))
    assert counts == find_counts(TEXT, (30,)) and [c.text for c in counts][:3] == ["15", "4", "20 and 25"]
    assert again.find(TEXT, (30,)) is not again.find(TEXT, (30,))  # fresh objects every call


def test_an_edited_text_or_new_code_is_counted_afresh(tmp_path, monkeypatch):
    kept = memo.CountsMemo(str(tmp_path))
    kept.find(TEXT)
    kept.save()
    fresh = memo.CountsMemo(str(tmp_path))
    assert fresh.find(TEXT + " 7 more were injured.") == find_counts(TEXT + " 7 more were injured.")
    assert fresh.found_new
    monkeypatch.setattr(memo, "_code_key", lambda: "another version of the rule")
    assert memo.CountsMemo(str(tmp_path)).kept == {}
