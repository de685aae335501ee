"""Corrections log, canonical URL and schema.org NewsArticle data for each article.

The NewsArticle follows Google's article guidance (tests/quality/test_standards_jsonld.py
checks it): headline, datePublished and dateModified with their time zone,
authors (an Organization for a newsroom desk named in ARTICLES_DESKS, a Person
otherwise), the publisher with its raster logo (SITE_LOGO), inLanguage, a
CorrectionComment per correction, and an image only when a raster one at least
1200 px wide exists: the story's lead image if that is a large enough raster
file, or else its social card (``social_image``, a 1200x630 PNG made by
plugins/cards). An SVG lead image is never offered as the story's image.
"""

import html
import os

import imagesize
import nh3
from pelican.generators import ArticlesGenerator

from i18n import main_site_url

# Google's article guidance: images at least 1200 px wide, raster formats.
IMAGE_MIN_WIDTH = 1200
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif")
SOCIAL_CARD_SIZE = (1200, 630)


def plain_text(fragment):
    """Text of an HTML fragment, for descriptions and JSON-LD."""
    return html.unescape(nh3.clean(fragment or "", tags=set())).strip()


def absolute_url(settings, path):
    """Join the site's public origin and a site-relative path."""
    origin = settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")
    return f"{origin.rstrip('/')}/{path.lstrip('/')}"


def publisher(settings):
    """The site's newsroom as a NewsMediaOrganization, with its logo (SITE_LOGO)."""
    data = {
        "@type": "NewsMediaOrganization",
        "name": settings.get("SITENAME"),
        "url": absolute_url(settings, ""),
    }
    logo = settings.get("SITE_LOGO")
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": main_site_url(settings, logo["url"]),
            "width": logo["width"],
            "height": logo["height"],
        }
    return data


def author_data(author, settings):
    """A desk (ARTICLES_DESKS) is an Organization; anyone else a Person."""
    kind = "Organization" if author.name in settings.get("ARTICLES_DESKS", ()) else "Person"
    return {"@type": kind, "name": author.name, "url": absolute_url(settings, author.url)}


def story_image(article, settings):
    """ImageObject of the story's raster image at least 1200 px wide: its own lead
    image if it is one (a photograph says more than a card), else its social card."""
    lead = getattr(article, "image", None)
    if lead and lead.lower().endswith(RASTER_SUFFIXES):
        width, height = imagesize.get(os.path.join(settings["PATH"], lead))
        if width >= IMAGE_MIN_WIDTH:
            return {
                "@type": "ImageObject",
                "url": absolute_url(settings, lead),
                "width": width,
                "height": height,
            }
    social = getattr(article, "social_image", None)
    if social:
        width, height = SOCIAL_CARD_SIZE
        return {
            "@type": "ImageObject",
            "url": absolute_url(settings, social),
            "width": width,
            "height": height,
        }
    return None


def news_article(article, settings):
    """The JSON-LD object (a dict) describing ``article`` as a NewsArticle."""
    url = absolute_url(settings, article.url)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "articleSection": article.category.name,
        "description": plain_text(article.summary),
        "inLanguage": article.lang,
        "author": [author_data(author, settings) for author in getattr(article, "authors", [])],
        "publisher": publisher(settings),
    }
    if getattr(article, "tags", None):
        data["keywords"] = [tag.name for tag in article.tags]
    image = story_image(article, settings)
    if image:
        data["image"] = image
    if article.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c.date.isoformat(), "text": c.text}
            for c in article.corrections
        ]
    return data


def choose_lead_story(articles, lead_slug):
    """The home page's lead: the story named by HOME_LEAD_SLUG, else the newest."""
    chosen = [a for a in articles if lead_slug and a.slug == lead_slug]
    return chosen[0] if chosen else (articles[0] if articles else None)


def add_structured_data(generators):
    """all_generators_finalized handler: give every article its corrections and JSON-LD.

    Not earlier: an article without Summary gets one from its body, and the
    body's ``{static}`` links resolve only once the static files are known.
    """
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _add_to(generator)


def _add_to(generator):
    settings = generator.settings
    generator.context["lead_story"] = choose_lead_story(generator.articles, settings.get("HOME_LEAD_SLUG"))
    for article in list(generator.articles) + list(generator.drafts):
        if not hasattr(article, "corrections"):
            article.corrections = []
        article.canonical_url = absolute_url(settings, article.url)
        article.jsonld = news_article(article, settings)
