"""The plugin's settings, read with their documented defaults (docs/related.md)."""

from dataclasses import dataclass, field

from .index import DEFAULT_WEIGHTS

DEFAULTS = {
    # Weight of each kind of shared key (see index.DEFAULT_WEIGHTS); a partial
    # dict in pelicanconf.py changes only the weights it names.
    "RELATED_WEIGHTS": DEFAULT_WEIGHTS,
    # Least score (after time decay) for a story to be listed as related.
    "RELATED_THRESHOLD": 2.0,
    # Days after which a shared key counts half; 0 turns time decay off.
    "RELATED_HALF_LIFE_DAYS": 180,
    # Most stories in a Related block (pinned ones are always shown).
    "RELATED_MAX": 5,
    # On sites of at least RELATED_COMMON_MIN_STORIES stories, a key carried by
    # more than this share of them is ignored (like Hugo's cardinalityThreshold).
    "RELATED_COMMON_SHARE": 0.1,
    "RELATED_COMMON_MIN_STORIES": 200,
    # Shown when a story has no related story: the latest stories of its
    # category, then of the site, so no story ends in a dead end.
    "RELATED_FALLBACK": True,
    # Most stories in the Stories block of a dataset, place or record page (the
    # newest; the block says how many there are in all). 0: no limit.
    "RELATED_STORIES_SHOWN": 12,
    # Site paths that exist although no Pelican generator reports them
    # (checked site-relative links may point there), e.g. ["media/"].
    "RELATED_EXTRA_PATHS": [],
}


@dataclass(frozen=True)
class Config:
    weights: dict = field(default_factory=dict)
    threshold: float = 2.0
    half_life: float = 180.0
    max_items: int = 5
    common_share: float = 0.1
    common_min: int = 200
    fallback: bool = True
    stories_shown: int = 12
    extra_paths: tuple = ()


def read(settings):
    """Config from Pelican settings; unknown weight names are reported by the caller."""
    get = lambda name: settings.get(name, DEFAULTS[name])  # noqa: E731
    return Config(
        weights=dict(DEFAULT_WEIGHTS, **(get("RELATED_WEIGHTS") or {})),
        threshold=float(get("RELATED_THRESHOLD")),
        half_life=float(get("RELATED_HALF_LIFE_DAYS") or 0),
        max_items=int(get("RELATED_MAX")),
        common_share=float(get("RELATED_COMMON_SHARE") or 0),
        common_min=int(get("RELATED_COMMON_MIN_STORIES")),
        fallback=bool(get("RELATED_FALLBACK")),
        stories_shown=int(get("RELATED_STORIES_SHOWN")),
        extra_paths=tuple(get("RELATED_EXTRA_PATHS") or ()),
    )


def problems(settings):
    """Messages for settings that cannot work (an unknown weight name, a negative value)."""
    found = []
    weights = settings.get("RELATED_WEIGHTS") or {}
    if not isinstance(weights, dict):
        return [f"pelicanconf.py: RELATED_WEIGHTS: expected a dict like {{'tag': 1.0}}, found {weights!r}"]
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            found.append(
                f"pelicanconf.py: RELATED_WEIGHTS: unknown weight '{name}'; expected "
                f"one of {', '.join(DEFAULT_WEIGHTS)}"
            )
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            found.append(
                f"pelicanconf.py: RELATED_WEIGHTS: '{name}': expected a number >= 0, found {value!r}"
            )
    for name in (
        "RELATED_THRESHOLD",
        "RELATED_HALF_LIFE_DAYS",
        "RELATED_MAX",
        "RELATED_COMMON_SHARE",
        "RELATED_COMMON_MIN_STORIES",
        "RELATED_STORIES_SHOWN",
    ):
        value = settings.get(name, DEFAULTS[name])
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            found.append(f"pelicanconf.py: {name}: expected a number >= 0, found {value!r}")
    return found
