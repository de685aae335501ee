"""Which cards a site gets: one per story, one per named chart (for its chart page).

Runs at ``article_generator_finalized``, after plugins/charts has put each
story's figures in ``article.chart_figures`` and the named charts in the
context's ``charts_by_name`` (the charts plugin's public results). A story
with a chart gets a card of its lead chart (the first it shows); any other
story a typographic card. Each story's ``social_image`` (read by the NewsArticle
JSON-LD of plugins/articles) and ``social_card`` (read by the templates) are set.

A chart card keeps its figure, not a copy of the figure's wide drawing (a few
tens of KB a chart, held for the whole build): :meth:`Card.drawn_text` reads the
drawing from the figure (from the charts' spool) when the card's key is worked
out or the card is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from articles.contents import every_content
from articles.filters import long_date
from articles.structured import absolute_url
from i18n import N_, babel_locale, current_language, digits, translation

from . import settings as card_settings
from .layout import HEIGHT, WIDTH, CardText

# Interface strings (theme/translations/*/messages.po).
SOURCE_LABEL = N_("Source:")
CHART_ALT = N_("Chart: %(title)s. %(description)s")
STORY_ALT = N_("%(site)s: %(headline)s (%(section)s, %(date)s)")
PLANNED: dict = {}  # id(settings) of a (sub)site -> its cards, planned this run


@dataclass(frozen=True)
class Card:
    """One social card: where it is written, its address and its text alternative."""

    save_as: str  # relative to the (sub)site's output folder
    url: str  # absolute (SITE_ORIGIN), as og:image and JSON-LD need
    alt: str
    text: CardText  # of a chart card, without its drawing: see drawn_text
    width: int = WIDTH
    height: int = HEIGHT
    figure: object = field(default=None, repr=False, compare=False)  # charts.figure.Figure

    def drawn_text(self) -> CardText:
        """Everything drawn on the card, the chart's drawing included."""
        if self.figure is None:
            return self.text
        return replace(self.text, chart_svg=chart_drawing(self.figure))


def _direction(settings) -> str:
    return current_language(settings).direction


def chart_drawing(figure) -> str:
    """The drawing a chart card shows: the figure's wide static SVG (else its SVG)."""
    return str(figure.svg_wide or figure.svg)


def chart_card_text(figure, settings) -> CardText:
    """The card of a chart: its title and its source line (its drawing is the
    figure's, read when the card is drawn: Card.drawn_text)."""
    words = translation(settings)
    return CardText(
        direction=_direction(settings),
        site=settings.get("SITENAME", ""),
        headline=figure.title,
        footer_label=words.gettext(SOURCE_LABEL),
        footer=figure.source,
    )


def chart_card_alt(figure, settings) -> str:
    words = translation(settings)
    return words.gettext(CHART_ALT) % {"title": figure.title, "description": figure.alt}


def story_card(article, settings) -> Card | None:
    """The card of a story (None when CARDS_STORY_SAVE_AS is empty)."""
    pattern = card_settings.get(settings, "CARDS_STORY_SAVE_AS")
    if not pattern:
        return None
    lead = next((f for f in getattr(article, "chart_figures", None) or () if f.svg_wide or f.svg), None)
    save_as = pattern.format(slug=article.slug)
    if lead is not None:
        text, alt = chart_card_text(lead, settings), chart_card_alt(lead, settings)
    else:
        words = translation(settings)
        section = words.gettext(article.category.name)
        date = long_date(article.date, babel_locale(settings), digits(settings))
        site = settings.get("SITENAME", "")
        text = CardText(
            direction=_direction(settings),
            site=site,
            headline=article.title,
            footer=f"{section} · {date}",
        )
        alt = words.gettext(STORY_ALT) % {
            "site": site,
            "headline": article.title,
            "section": section,
            "date": date,
        }
    return Card(save_as, absolute_url(settings, save_as), alt, text, figure=lead)


def chart_cards(figures_by_name, settings) -> dict:
    """{chart name: Card} of the named charts (empty when CARDS_CHART_SAVE_AS is)."""
    pattern = card_settings.get(settings, "CARDS_CHART_SAVE_AS")
    if not pattern:
        return {}
    cards = {}
    for name, figure in figures_by_name.items():
        save_as = pattern.format(name=name)
        cards[name] = Card(
            save_as,
            absolute_url(settings, save_as),
            chart_card_alt(figure, settings),
            chart_card_text(figure, settings),
            figure=figure,
        )
    return cards


def plan_cards(generator):
    """article_generator_finalized: give every story its card; list the charts' cards."""
    settings, context = generator.settings, generator.context
    planned = context.setdefault("social_cards", [])
    for article in every_content(generator):
        if not getattr(article, "save_as", ""):
            continue  # not written (a draft in a publish build): no card either
        card = story_card(article, settings)
        if card is None:
            continue
        article.social_card = card
        article.social_image = card.save_as
        planned.append(card)
    context["chart_cards"] = chart_cards(context.get("charts_by_name") or {}, settings)
    planned += context["chart_cards"].values()
    PLANNED[id(settings)] = planned  # for drawing.start, when the pages are about to be written
    files = context.setdefault("plugin_files", {})
    for card in planned:
        files.setdefault(card.save_as, f"the social card {card.save_as} (plugins/cards)")
