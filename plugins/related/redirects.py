"""Old addresses of renamed stories: small redirect pages declared in metadata.

``Redirect_from: old-slug`` (comma-separated; a value with "/" is taken as a
site path, e.g. ``2018/12/old-slug/``) publishes, at the URL the story had under
that slug, a page that refreshes to the story's current URL and links to it,
with the canonical link pointing there. No JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator

from press.writer import writing  # plugins/press: pages written on every core

from .sitepaths import normal


@dataclass(frozen=True)
class Redirect:
    """A page at ``save_as`` (old address) leading to ``target`` (an article)."""

    save_as: str
    target: object
    old: str


def _old_address(article, old, settings):
    """save_as of the page for an old slug or old path."""
    if "/" in old or old.endswith(".html"):
        path = old.lstrip("/")
        return path if path.endswith(".html") else path.rstrip("/") + "/index.html"
    values = dict(article.url_format, slug=old)
    key = "ARTICLE_SAVE_AS" if article.in_default_lang else "ARTICLE_LANG_SAVE_AS"
    return settings[key].format(**values)


def plan(stories, sources, settings, taken):
    """(redirects, problems) for every story's ``redirect_from`` metadata.

    ``taken``: normalised paths published by something else; an old address
    may not be one of them, and two stories may not claim the same one.
    """
    redirects: list[Any] = []
    problems: list[str] = []
    claimed: dict[str, Any] = {}
    for article in stories:
        values = getattr(article, "redirect_from", None) or []
        values = [values] if isinstance(values, str) else values
        source = sources[article]
        for old in values:
            line = source.line_of("redirect_from", old)
            where = f"{source.shown}:{line}: {article.slug}: redirect_from"
            save_as = _old_address(article, old, settings)
            path = normal(save_as)
            if old == article.slug or path == normal(article.save_as):
                problems.append(f"{where}: '{old}' is this story's current address; list only former slugs")
            elif path in claimed:
                problems.append(
                    f"{where}: '{old}' is already redirected to story "
                    f"'{claimed[path].slug}'; an old address can lead to one "
                    "story only"
                )
            elif path in taken:
                problems.append(
                    f"{where}: '{old}' gives /{path}/, which is the address of "
                    "a page of this site; a redirect cannot replace it"
                )
            else:
                claimed[path] = article
                redirects.append(Redirect(save_as, article, old))
    return redirects, problems


class RedirectGenerator(Generator):
    """Writes the redirect pages planned by the plugin (context["redirect_pages"])."""

    def generate_context(self):
        self.context.setdefault("redirect_pages", [])

    def generate_output(self, writer):
        template = self.get_template("redirect")
        with writing(writer):
            for redirect in self.context.get("redirect_pages", []):
                writer.write_file(
                    redirect.save_as,
                    template,
                    self.context,
                    relative_urls=self.settings.get("RELATIVE_URLS", False),
                    override_output=True,
                    target=redirect.target,
                    redirect=redirect,
                )
