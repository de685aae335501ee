"""The hand-typed-count rule: which numbers in a story's prose count something.

A number is a *count* when a count word (words.py: killed, families, raids,
غارات ...) is among the three words after it or the three words before it, in
the same clause (no punctuation or other number between). It is *not* a count
when it is a date ("13 March", "March 2019", "2019-03-13"), a year (a
four-digit number from 1900 to 2099 written without a separator), a time
("10:30", "10 am", "الساعة 10"), a measure (the next word is a unit: "15
kilometres", "two weeks", "15%"), an age ("aged 15"), an ordinal ("14th",
"first", "الرابع عشر"), or inside quotation marks (source.py blanks those).
Once a sentence holds a count, a number later in it that follows a comma, "and",
"or" or "و" is a count too ("39 locations in Idlib, 34 in Hama and 16 in Aleppo").
The full rule, for reporters, is docs/figures.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from . import words
from .source import CITED

DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
TOKEN = re.compile(
    rf"(?P<iso>{DIGIT}{{4}}-{DIGIT}{{1,2}}-{DIGIT}{{1,2}}|{DIGIT}{{1,2}}/{DIGIT}{{1,2}}/{DIGIT}{{2,4}})"
    rf"|(?P<time>{DIGIT}{{1,2}}:{DIGIT}{{2}})"
    rf"|(?P<number>{DIGIT}+(?:[,\u066c]{DIGIT}{{3}})*(?:[.\u066b]{DIGIT}+)?)"
    r"(?P<suffix>st\b|nd\b|rd\b|th\b|%|\u066a)?"
    r"|(?P<word>(?:[^\W\d_]|[\u064b-\u065f\u0670\u0640])+(?:['\u2019][^\W\d_]+)*)"
    rf"|(?P<cited>{CITED}+)"
    r"|(?P<punct>[.,;:!?\u061f\u060c\u061b()\[\]|/\u2026\u2014\u2013-])"
)
SENTENCE_END = re.compile(rf"[.!?\u061f\u2026][\"\u201d\u2019\u00bb)\]*_]*{CITED}*(?=\s|$)|\n[ \t]*\n|\|")
ARABIC_DIGITS = str.maketrans("\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", "0123456789")
PERSIAN_DIGITS = str.maketrans("\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9", "0123456789")
RANGE_WORDS = {"to", "إلى", "الى", "حتى"}
BETWEEN = {"between", "بين"}
LIST_WORDS = {"and", "or", "و", "أو", "او"}
AGE_WORDS = {"aged", "age", "ages", "عمر", "العمر", "بعمر", "عمره", "عمرها"}
DASHES = {"-", "\u2013", "\u2014"}
TIME_WORDS = {words.arabic_base(w) for w in words.TIME_WORDS_AR}
ORDINALS = {words.arabic_base(w) for w in words.ORDINALS_AR}


@dataclass(slots=True)
class Token:
    kind: str  # number, word, punct, cited, iso, time
    text: str
    start: int
    end: int
    low: float = 0  # a number's value (min of a range)
    high: float = 0
    digits: bool = False  # written in digits (not words)
    grouped: bool = False  # written with a thousands separator
    suffix: str = ""


@dataclass
class Count:
    """A number that counts something, where it is, and what the words around it say."""

    token: Token
    sentence: tuple  # (start, end) in the prose text
    words: list = field(default_factory=list)  # count words near it, nearest first
    qualifier: str = ""  # at-least, more-than, under, about ('' for exact)
    qualifier_text: str = ""  # as written: "more than", "نحو"
    cited_by: tuple = ()  # (start, end) spans whose footnote also cites it (a table's header cell)

    @property
    def as_written(self):
        """The figure with its qualifier: 'more than 110,000'."""
        return f"{self.qualifier_text} {self.text}" if self.qualifier_text else self.text

    @property
    def text(self):
        return self.token.text


def _value(text):
    plain = text.translate(ARABIC_DIGITS).translate(PERSIAN_DIGITS)
    plain = plain.replace(",", "").replace("\u066c", "").replace("\u066b", ".")
    return float(plain)


def _number_word(token, previous=None):
    """Value of a number word (English or Arabic), else None.

    An Arabic number word with the article (الأربع) is a number only after a
    count word, as in "الغارات الأربع" (not "في المئة").
    """
    if token.kind != "word":
        return None
    if token.text[0] < "\u0600":  # Latin script
        return words.NUMBER_WORDS_EN.get(token.text.lower())
    if words.is_arabic(token.text):
        base = words.arabic_base(token.text)
        forms = [base, base[1:] if base.startswith("و") else base]  # "وثمانين"
        if previous is not None and previous.kind == "word" and words.is_count_word(previous.text):
            forms += [base[2:] if base.startswith("ال") else base]
        for form in forms:
            if form in words.NUMBER_WORDS_AR:
                return words.NUMBER_WORDS_AR[form]
        return None
    return words.NUMBER_WORDS_EN.get(token.text.lower())


def _multiplier(token):
    if token.kind != "word":
        return None
    forms = words.arabic_forms(token.text) if words.is_arabic(token.text) else [token.text.lower()]
    return next((words.MULTIPLIERS[f] for f in forms if f in words.MULTIPLIERS), None)


def tokenize(text):
    """Tokens of masked prose, with digits, number words and ranges made into numbers."""
    raw: list[Token] = []
    append = raw.append
    for m in TOKEN.finditer(text):
        number = m.group("number")
        if number is None:
            append(Token(m.lastgroup or "", m.group(), m.start(), m.end()))
            continue
        value = _value(number)
        grouped = "," in number or "\u066c" in number
        append(
            Token(
                "number", m.group(), m.start(), m.end(), value, value, True, grouped, m.group("suffix") or ""
            )
        )
    return _merge(text, raw)


def _merge(text, raw):
    """Join number words ("twenty-five", "خمسة عشر"), multipliers ("3 million") and ranges."""
    tokens: list[Token] = []
    for token in raw:
        value = _number_word(token, tokens[-1] if tokens else None)
        if value is not None and token.kind == "word":
            token = Token("number", token.text, token.start, token.end, value, value)
        if (  # "twenty-five"
            token.kind == "number"
            and not token.digits
            and len(tokens) >= 2
            and tokens[-1].text == "-"
            and tokens[-2].kind == "number"
            and not tokens[-2].digits
            and tokens[-2].end == tokens[-1].start
            and tokens[-1].end == token.start
        ):
            tokens.pop()
        previous = tokens[-1] if tokens else None
        if previous is not None and previous.kind == "number" and not previous.suffix:
            joined = _join(text, previous, token, tokens)
            if joined:
                continue
        tokens.append(token)
    return _ranges(text, tokens)


def _join(text, previous, token, tokens):
    """Extend ``previous`` with ``token`` when they are one written number."""
    gap = text[previous.end : token.start]
    multiplier = _multiplier(token)
    if multiplier and gap.strip() == "":
        previous.low *= multiplier
        previous.high *= multiplier
    elif token.kind == "number" and not token.digits and not previous.digits and gap.strip() in ("", "-"):
        # "twenty-five", "خمسة عشر"; Arabic tens after و: "تسعة وثمانين"
        previous.low += token.low
        previous.high += token.high
    else:
        return False
    previous.text = text[previous.start : token.end]
    previous.end = token.end
    return True


def _ranges(text, tokens):
    """Make "15-17", "15 to 17", "between 15 and 17", "من 15 إلى 17" one number."""
    result: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "number" and not token.suffix and i + 2 < len(tokens):
            link, other = tokens[i + 1], tokens[i + 2]
            between = bool(result) and result[-1].kind == "word" and result[-1].text.lower() in BETWEEN
            joins = (
                (link.kind == "punct" and link.text in DASHES)
                or (link.kind == "word" and link.text.lower() in RANGE_WORDS)
                or (
                    link.kind == "word"
                    and link.text.lower() in LIST_WORDS
                    and (between or _month_after(tokens, i + 3))
                )
            )
            if other.kind == "number" and not other.suffix and joins and other.low >= token.low:
                token.text = text[token.start : other.end]
                token.end, token.high = other.end, other.high
                token.grouped = token.grouped or other.grouped
                result.append(token)
                i += 3
                continue
        result.append(token)
        i += 1
    return result


def _month_after(tokens, index):
    return index < len(tokens) and tokens[index].kind == "word" and words.month_of(tokens[index].text)[0]


def sentences(text, breaks=()):
    """(start, end) of each sentence of masked prose."""
    cuts = sorted({0, len(text), *(m.end() for m in SENTENCE_END.finditer(text)), *breaks})
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def is_year(token):
    return (
        token.digits
        and not token.grouped
        and token.text.isdigit() is not None
        and (len(str(int(token.low))) == 4 and 1900 <= token.low <= 2099 and "." not in token.text)
    )


def _excluded(tokens, i):
    """Why number i is not a count ('date', 'year', ...), or '' if it may be one."""
    token = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = tokens[i - 1] if i > 0 else None
    if token.suffix in ("st", "nd", "rd", "th"):
        return "ordinal"
    if token.suffix in ("%", "\u066a"):
        return "measure"
    if after is not None and after.kind == "word" and words.month_of(after.text)[0]:
        return "date"
    if before is not None and before.kind == "word" and words.month_of(before.text)[0]:
        return "date"
    if is_year(token):
        return "year"
    if after is not None and after.kind == "word" and words.is_unit_word(after.text):
        return "measure"
    if after is not None and after.text == "في" and i + 2 < len(tokens):  # 15 في المئة
        if words.arabic_base(tokens[i + 2].text) in ("المئة", "المائة"):
            return "measure"
    if before is not None and before.kind == "word":
        base = words.arabic_base(before.text) if words.is_arabic(before.text) else before.text.lower()
        if base in TIME_WORDS:
            return "time"
        if base in AGE_WORDS:
            return "age"
        if not token.digits and base in ORDINALS:
            return "ordinal"
    return ""


def _window(tokens, i, step, size=3):
    """Up to ``size`` word tokens from number i in one direction, within its clause."""
    found: list[Token] = []
    j = i + step
    while 0 <= j < len(tokens) and len(found) < size:
        token = tokens[j]
        if token.kind == "cited":
            j += step
            continue
        if token.kind != "word":
            break
        found.append(token)
        j += step
    return found


def _qualifier(text, token):
    before = " ".join(text[max(0, token.start - 40) : token.start].split()).lower()
    for phrase, meaning in sorted(words.QUALIFIERS.items(), key=lambda item: -len(item[0])):
        rest = before[: len(before) - len(phrase)]
        if before.endswith(phrase) and (
            not rest or not rest[-1].isalnum() or rest.endswith(" و") or rest == "و"
        ):
            return meaning, phrase
    after = " ".join(text[token.end : token.end + 40].split())
    clause = re.split(r"[.,;:!?\u060c\u061b\u061f]", after, maxsplit=1)[0]
    if "على الأقل" in clause or "على الاقل" in clause:  # "89 منطقة على الأقل"
        return "at-least", "على الأقل"
    return "", ""


PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


def find_counts(text, breaks=()):
    """Every count in masked prose (see the module docstring)."""
    counts = []
    for paragraph in PARAGRAPH.finditer(text):
        if words.may_hold_number(paragraph.group()):
            start = paragraph.start()
            inside = [b - start for b in breaks if start <= b < paragraph.end()]
            for count in _paragraph_counts(paragraph.group(), inside):
                count.token.start += start
                count.token.end += start
                count.sentence = (count.sentence[0] + start, count.sentence[1] + start)
                count.cited_by = tuple((a + start, b + start) for a, b in count.cited_by)
                counts.append(count)
    return counts


def _paragraph_counts(text, breaks):
    tokens = tokenize(text)
    spans = sentences(text, breaks)
    starts = [a for a, _ in spans]
    counts: list[Count] = []
    sentence_of_last = None
    for i, token in enumerate(tokens):
        if token.kind != "number" or _excluded(tokens, i):
            continue
        index = bisect.bisect_right(starts, token.start) - 1
        sentence = spans[index] if index >= 0 else (0, len(text))
        after = _window(tokens, i, 1)
        before = _window(tokens, i, -1)
        if token.text.lower() == "one":  # "one of the ...", "no one": only "one child", "one raid"
            after = after[:1] if after and tokens[i + 1] is after[0] else []
            before = []
        # nearest first; at the same distance, the word after the number
        near = sorted(
            [(d, 0, w) for d, w in enumerate(after)] + [(d, 1, w) for d, w in enumerate(before)],
            key=lambda x: x[:2],
        )
        counted = [w.text for _, _, w in near if words.is_count_word(w.text)]
        previous = tokens[i - 1] if i > 0 else None
        listed = (
            sentence_of_last == sentence
            and previous is not None
            and (previous.text in (",", "\u060c") or previous.text.lower() in LIST_WORDS)
        )
        if counted or listed:
            if not counted:  # "34 in Hama": counts what the sentence's last count counts
                counted = list(counts[-1].words)
            sentence_of_last = sentence
            counts.append(Count(token, sentence, counted, *_qualifier(text, token)))
    found = {c.token.start for c in counts}
    counts += [c for c in _table_counts(text, tokens) if c.token.start not in found]
    counts.sort(key=lambda c: c.token.start)
    return counts


TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?)?[ \t]*$")


def _cells(text, row):
    """(start, end) of each cell of a table row (a match of TABLE_ROW)."""
    bars = [row.start() + i for i, char in enumerate(row.group()) if char == "|"]
    return list(zip(bars, bars[1:], strict=False))


def _table_counts(text, tokens):
    """Numbers in the cells of a Markdown table whose column header is a count word.

    "| Governorate | Locations targeted |" makes every number under the second
    header a count; a footnote in that header cell cites the whole column.
    """
    rows = list(TABLE_ROW.finditer(text))
    if len(rows) < 3 or not TABLE_RULE.match(rows[1].group()):
        return []
    header = _cells(text, rows[0])
    counts = []
    for row in rows[2:]:
        for column, (start, end) in enumerate(_cells(text, row)):
            if column >= len(header):
                break
            head_words = [w for w in re.findall(r"\w+", text[header[column][0] : header[column][1]])]
            counted = [w for w in head_words if words.is_count_word(w)]
            if not counted:
                continue
            for i, token in enumerate(tokens):
                if token.kind == "number" and start < token.start < end and not _excluded(tokens, i):
                    qualifier, qualifier_text = _qualifier(text, token)
                    counts.append(
                        Count(token, (start, end), counted, qualifier, qualifier_text, (header[column],))
                    )
    return counts
