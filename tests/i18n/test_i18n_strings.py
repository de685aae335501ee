"""plugins/i18n/strings.py: interface strings kept once per template environment give
the answers Jinja's i18n extension gives, with and without autoescape, variables
and ``%%``, through ``_()``, ``gettext()`` and ``{% trans %}``; the real Arabic
catalog, no build."""

import gettext
import io
import sys
from pathlib import Path

import jinja2
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from i18n import languages, strings  # noqa: E402

TEMPLATE = (
    "{{ _('Sources') }}|{{ _('Data') }}|{{ gettext('Sources') }}|{{ _('100%% sourced <b>') }}|"
    "{{ _('%(n)s of %(m)s', n=1, m='<i>') }}|{% trans %}Sources{% endtrans %}|"
    "{% trans count=3 %}{{ count }} story{% pluralize %}{{ count }} stories{% endtrans %}|"
    "{% autoescape false %}{{ _('100%% sourced <b>') }}{% endautoescape %}"
)


@pytest.fixture(scope="module")
def arabic():
    """The theme's Arabic catalog, compiled in memory with Babel."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(ROOT / "theme" / "translations" / "ar" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def render_all(translations, keep):
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    environment.install_gettext_translations(translations, newstyle=True)
    if keep:
        assert strings.keep_in(environment)
        assert not strings.keep_in(environment)  # once is enough
    template = environment.from_string(TEMPLATE)
    return [template.render() for _ in range(3)]


@pytest.mark.parametrize("catalog", ["english", "arabic"])
def test_kept_answers_are_jinjas_answers(catalog, arabic):
    translations = arabic if catalog == "arabic" else gettext.NullTranslations()
    jinjas, kept = render_all(translations, keep=False), render_all(translations, keep=True)
    assert kept == jinjas
    assert "|100% sourced <b>|" in jinjas[0]  # a translation is trusted markup; %% is %
    assert "|1 of &lt;i&gt;|" in jinjas[0]  # variables are escaped
    assert ("مصادر" in jinjas[0] or "المصادر" in jinjas[0]) == (catalog == "arabic")


def test_a_context_gettext_still_wins():
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    environment.install_gettext_translations(gettext.NullTranslations(), newstyle=True)
    strings.keep_in(environment)
    template = environment.from_string("{{ _('Data') }}")
    assert template.render() == "Data"
    assert template.render(gettext=lambda text: text.upper()) == "DATA"


def test_languages_follow_the_setting():
    settings = {"DEFAULT_LANG": "en", "LANGUAGES": {"en": {"name": "English"}}}
    assert [language.code for language in languages(settings)] == ["en"]
    settings["LANGUAGES"]["ar"] = {"name": "العربية"}  # changed in place: worked out again
    assert [language.code for language in languages(settings)] == ["en", "ar"]
    assert languages({**settings, "DEFAULT_LANG": "ar"})[1].prefix == "ar"
