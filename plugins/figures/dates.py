"""The calendar dates a paragraph names, to find the records a typed figure speaks of."""

from __future__ import annotations

import datetime as dt

from . import words
from .counts import ARABIC_DIGITS, is_year, tokenize


def dates_in(text, default_year):
    """Every calendar date the prose names ("13 March", "8-15 March 2019", "2019-03-13")."""
    tokens = tokenize(text)
    found = []
    for i, token in enumerate(tokens):
        if token.kind == "iso":
            parts = token.text.translate(ARABIC_DIGITS).replace("/", "-").split("-")
            try:
                day = (
                    dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
                    if len(parts[0]) == 4
                    else dt.date(
                        int(parts[2]) if len(parts[2]) == 4 else 2000 + int(parts[2]),
                        int(parts[1]),
                        int(parts[0]),
                    )
                )
                found.append((token.start, day))
            except ValueError:
                pass
            continue
        if token.kind != "number" or not token.digits:
            continue
        month_token, year = None, default_year
        if i + 1 < len(tokens) and tokens[i + 1].kind == "word" and words.month_of(tokens[i + 1].text)[0]:
            month_token = tokens[i + 1]
            following = tokens[i + 2] if i + 2 < len(tokens) else None
            if following is not None and following.kind == "punct" and following.text == "/":
                following = tokens[i + 4] if i + 4 < len(tokens) else None  # آذار/مارس 2019
            if following is not None and following.kind == "number" and is_year(following):
                year = int(following.low)
        elif (
            i > 0
            and tokens[i - 1].kind == "word"
            and words.month_of(tokens[i - 1].text)[0]
            and not is_year(token)
        ):
            month_token = tokens[i - 1]
        if month_token is None:
            continue
        month = words.month_of(month_token.text)[1]
        if month is None:
            continue
        for day_of_month in {int(token.low), int(token.high)}:
            try:
                found.append((token.start, dt.date(year, month, day_of_month)))
            except ValueError:
                pass
    return found
