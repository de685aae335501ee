"""Every story and page a Pelican generator holds, for plugins that process them all."""

# The lists an ArticlesGenerator or PagesGenerator keeps its content in: published,
# translations, hidden and drafts. A generator lacks the other kind's lists.
CONTENT_LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
)


def every_content(generator) -> list:
    """Each article or page of ``generator`` once, in the order of CONTENT_LISTS."""
    seen, found = set(), []
    for name in CONTENT_LISTS:
        for content in getattr(generator, name, None) or []:
            if id(content) not in seen:
                seen.add(id(content))
                found.append(content)
    return found
