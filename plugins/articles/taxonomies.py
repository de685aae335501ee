"""Story lists of tags, categories and authors that answer ``in`` at once.

Pelican writes each tag, category and author page with
``[article for article in self.dates if article in articles]``: a list
membership test for every story of the site, per tag, so the work grows with
stories x stories. Before the run writes (get_writer, once every plugin has
changed what it changes), each of those lists is replaced by an equal
:class:`StoryList`, whose ``in`` is a set lookup. Pelican's content has no
``__eq__``, so ``in`` was identity already: the pages are the same.
"""

from pelican.generators import ArticlesGenerator


class StoryList(list):
    """A list of stories whose ``in`` looks up identity in a set."""

    def __init__(self, stories):
        super().__init__(stories)
        self._ids = {id(story) for story in self}

    def __contains__(self, story):
        return id(story) in self._ids


def index_taxonomies(generators):
    """Replace the story lists of each ArticlesGenerator's tags, categories and authors."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        if isinstance(generator.tags, dict):
            for tag, stories in generator.tags.items():
                generator.tags[tag] = StoryList(stories)
        for name in ("categories", "authors"):
            pairs = getattr(generator, name)
            if isinstance(pairs, list):
                setattr(generator, name, [(key, StoryList(stories)) for key, stories in pairs])
