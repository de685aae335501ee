"""Corrections log, canonical URL and schema.org NewsArticle data for each article."""

import html

import nh3
from pelican.generators import ArticlesGenerator


def plain_text(fragment):
    """Text of an HTML fragment, for descriptions and JSON-LD."""
    return html.unescape(nh3.clean(fragment or "", tags=set())).strip()


def absolute_url(settings, path):
    """Join the site's public origin and a site-relative path."""
    origin = settings.get("SITE_ORIGIN") or settings.get("SITEURL", "")
    return f"{origin.rstrip('/')}/{path.lstrip('/')}"


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
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(settings, author.url)}
            for author in getattr(article, "authors", [])
        ],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": settings.get("SITENAME"),
            "url": absolute_url(settings, ""),
        },
    }
    if getattr(article, "tags", None):
        data["keywords"] = [tag.name for tag in article.tags]
    if getattr(article, "image", None):
        data["image"] = absolute_url(settings, article.image)
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
