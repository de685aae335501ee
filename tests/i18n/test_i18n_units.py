"""Babel formatting and the catalog, without building a site."""

import datetime as dt
from pathlib import Path

from articles.filters import format_day, long_datetime, number
from i18n.extract import metadata_names


def test_ar_sy_dates_use_levantine_month_names():
    assert format_day(dt.date(2019, 3, 17), "long", "ar_SY") == "17 آذار 2019"
    assert format_day(dt.date(2019, 2, 28), "long", "ar_SY") == "28 شباط 2019"


def test_arabic_indic_digits_are_a_setting():
    assert format_day(dt.date(2019, 3, 17), "long", "ar_SY", "arab") == "١٧ آذار ٢٠١٩"
    assert number(110393, "ar_SY", "arab") == "١١٠٬٣٩٣"
    assert number(110393, "ar_SY") == "110,393"
    from datasets.filters import DataText  # place pages' coordinates, as given, in the digits

    assert DataText("ar_SY", "arab").coordinate(36.20124) == "٣٦٫٢٠١٢٤"
    assert DataText("ar_SY").coordinate(36.20124) == "36.20124"
    when = dt.datetime(2019, 3, 17, 18, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert long_datetime(when, "ar_SY") == "17 آذار 2019، 18:00 \u2066+02:00\u2069"  # offset isolated
    assert long_datetime(when, "en_GB") == "17 March 2019, 18:00 +02:00"


def test_every_message_is_translated_with_six_arabic_plural_forms(arabic_catalog):
    assert arabic_catalog.num_plurals == 6
    for message in arabic_catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings) and not message.fuzzy, message.id


def test_story_metadata_names_are_extracted_for_the_catalog():
    text = "Title: T\nCategory: Idlib\nTags: air strikes, patrols\nAuthors: Marsad Syria Desk\n\nBody: no\n"
    assert list(metadata_names(text)) == [
        (2, "Idlib"),
        (3, "air strikes"),
        (3, "patrols"),
        (4, "Marsad Syria Desk"),
    ]


def test_footnote_back_links_are_titled_in_the_page_language(arabic_catalog):
    import runpy

    import markdown
    from babel.support import Translations

    from i18n import FOOTNOTE_BACKLINK_TITLE, footnotes_in_language

    root = Path(__file__).resolve().parents[2]
    MARKDOWN = runpy.run_path(str(root / "pelicanconf.py"))["MARKDOWN"]

    arabic = Translations()
    arabic._catalog = {m.id: m.string for m in arabic_catalog if m.id and not m.pluralizable}
    title = arabic_catalog[FOOTNOTE_BACKLINK_TITLE].string
    assert title and "{}" in title
    settings = footnotes_in_language(MARKDOWN, arabic)
    assert "footnotes" not in MARKDOWN["extension_configs"]["markdown.extensions.extra"]  # a copy
    configs = settings["extension_configs"]  # Pelican loads each extension named there
    html = markdown.Markdown(extensions=list(configs), extension_configs=configs).convert(
        "نص[^1]\n\n[^1]: حاشية."
    )
    assert f'title="{title.format(1)}"' in html
    assert "Jump back" not in html


def test_each_language_keeps_its_own_compiled_templates():
    """Jinja works out ``{{ "" | in_main_site }}`` when it compiles the template; with
    one bytecode cache shared by two languages the second language would be handed the
    first one's answer (Arabic search pages pointed at /ar/ar/)."""
    import jinja2

    from devserver.preview import MemoryBytecodeCache
    from i18n.compiled import for_language

    shared = MemoryBytecodeCache()
    templates = {"page.html": '{{ "" | in_main_site }}data/'}

    def render(language, prefix):
        environment = jinja2.Environment(
            loader=jinja2.DictLoader(templates), bytecode_cache=for_language(shared, language)
        )
        environment.filters["in_main_site"] = lambda path: prefix + path
        return environment.get_template("page.html").render()

    assert render("en", "") == "data/"
    assert render("ar", "../") == "../data/"
    assert render("en", "") == "data/"  # compiled once for English, read back from the cache
    # Without the keys, the folded English answer is handed to Arabic:
    raw = MemoryBytecodeCache()

    def unkeyed(prefix):
        environment = jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=raw)
        environment.filters["in_main_site"] = lambda path: prefix + path
        return environment.get_template("page.html").render()

    assert unkeyed("") == "data/"
    assert unkeyed("../") == "data/"
