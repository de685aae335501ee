"""Marsad datasets: load, validate and publish the YAML data in data/.

Other plugins read the validated catalog with :func:`catalog_from` and never
read YAML themselves.
"""

from .model import Catalog


def catalog_from(generator) -> Catalog:
    """The run's validated :class:`Catalog` (empty if no data was loaded)."""
    catalog = generator.context.get("catalog")
    return catalog if catalog is not None else Catalog()


def register():
    """Connect the plugin to Pelican's signals."""
    from .signals import connect

    connect()
