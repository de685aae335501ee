"""The vocabulary of the hand-typed-count rule, in English and Arabic (docs/figures.md).

Every list here is quoted in docs/figures.md so that a reporter can predict the
rule; tests/figures checks that the two agree. Words are compared in lower case;
Arabic words after :func:`arabic_base` (no diacritics, no tatweel, and without a
leading conjunction or preposition such as و, ف, ب, ل, ال).
"""

from __future__ import annotations

import re

# Words that say a number counts people, attacks, places, patrols or families.
COUNT_WORDS_EN = frozenset(
    """
    killed kill kills killing dead deaths death died die
    injured injuries injury wounded
    displaced fled
    people person persons civilians civilian residents victims casualties
    families family households household
    children child women men
    attacks attack raids raid strikes strike airstrikes airstrike bombings
    areas area locations location points point sites site targets villages towns
    patrols patrol
    """.split()
)
# Arabic stems: a word counts when, after arabic_base(), it starts with one of them.
COUNT_STEMS_AR = (
    "قتل",  # قتلى، قتل، قتلوا
    "قتيل",
    "مقتل",
    "ضحي",  # ضحية
    "ضحايا",
    "جرح",  # جرحى
    "جريح",
    "مصاب",
    "اصاب",  # إصابة، إصابات
    "نازح",
    "نزح",
    "مهجر",
    "تهجير",
    "شخص",
    "اشخاص",
    "مدني",
    "نسم",  # نسمة
    "سكان",
    "عائل",  # عائلة، عائلات
    "عوائل",
    "اسرة",
    "اسر",  # أسر (families)
    "طفل",
    "اطفال",
    "امراة",
    "نساء",
    "هجوم",
    "هجمات",
    "غارة",
    "غارات",
    "ضربة",
    "ضربات",
    "قذيف",  # قذيفة
    "قذائف",
    "منطقة",
    "مناطق",
    "موقع",
    "مواقع",
    "نقطة",
    "نقاط",
    "قرية",
    "قرى",
    "بلدة",
    "بلدات",
    "دورية",
    "دوريات",
)

# A number followed by one of these is a measure (distance, time, share, money), not a count.
UNIT_WORDS_EN = frozenset(
    """
    km kms kilometre kilometres kilometer kilometers m metre metres meter meters
    mile miles mi cm mm kg kilogram kilograms kilo kilos tonne tonnes ton tons
    percent per % second seconds minute minutes hour hours day days week weeks
    month months year years decade decades century centuries
    am pm a.m. p.m. o'clock gmt utc
    dollars dollar euros euro pounds pound lira liras
    """.split()
)
UNIT_STEMS_AR = (
    "كم",
    "كيلو",
    "متر",
    "امتار",
    "ميل",
    "اميال",
    "بالمئة",
    "بالمائة",
    "ثاني",
    "ثوان",
    "دقيق",
    "دقائق",
    "ساعة",
    "ساعات",
    "يوم",
    "ايام",
    "اسبوع",
    "اسابيع",
    "شهر",
    "اشهر",
    "شهور",
    "سنة",
    "سنوات",
    "سنين",
    "عام",
    "اعوام",
    "صباحا",
    "مساء",
    "دولار",
    "ليرة",
    "يورو",
)

_MONTH_NAMES_EN = (
    "january february march april may june july august september october november december".split()
)
MONTHS_EN = {name: n for n, name in enumerate(_MONTH_NAMES_EN, start=1)}
MONTHS_EN.update({name[:3]: n for name, n in list(MONTHS_EN.items())})
MONTHS_EN["sept"] = 9
# Levantine and Egyptian month names (after arabic_base). "كانون" and "تشرين" name two
# months each: the word after them (الثاني, الأول) is not read, so their number is None.
MONTHS_AR = {
    "كانون": None,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين": None,
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
# A number right after one of these is a time of day ("الساعة 10").
TIME_WORDS_AR = frozenset({"الساعة", "ساعة"})

# Number words: value of each (English and Arabic). "million", "thousand" and
# "hundred" multiply the number before them ("3 million", "ثلاثة آلاف").
NUMBER_WORDS_EN = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS_AR = {
    "واحد": 1,
    "واحدة": 1,
    "اثنان": 2,
    "اثنين": 2,
    "اثنتان": 2,
    "اثنتين": 2,
    "ثلاث": 3,
    "ثلاثة": 3,
    "اربع": 4,
    "اربعة": 4,
    "خمس": 5,
    "خمسة": 5,
    "ست": 6,
    "ستة": 6,
    "سبع": 7,
    "سبعة": 7,
    "ثمان": 8,
    "ثماني": 8,
    "ثمانية": 8,
    "تسع": 9,
    "تسعة": 9,
    "عشر": 10,
    "عشرة": 10,
    "عشرون": 20,
    "عشرين": 20,
    "ثلاثون": 30,
    "ثلاثين": 30,
    "اربعون": 40,
    "اربعين": 40,
    "خمسون": 50,
    "خمسين": 50,
    "ستون": 60,
    "ستين": 60,
    "سبعون": 70,
    "سبعين": 70,
    "ثمانون": 80,
    "ثمانين": 80,
    "تسعون": 90,
    "تسعين": 90,
    "مئة": 100,
    "مائة": 100,
}
MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "مئة": 100,
    "مائة": 100,
    "الف": 1000,
    "آلاف": 1000,
    "الاف": 1000,
    "مليون": 1_000_000,
    "ملايين": 1_000_000,
}
# Arabic ordinals: a number word right after one is part of the ordinal ("الرابع عشر").
ORDINALS_AR = frozenset(
    """
    الاول الأول الاولى الأولى الحادي الثاني الثانية الثالث الثالثة الرابع الرابعة
    الخامس الخامسة السادس السادسة السابع السابعة الثامن الثامنة التاسع التاسعة العاشر العاشرة
    """.split()
)

# Qualifiers before a typed figure, for the comparison with the data.
QUALIFIERS = {
    "at least": "at-least",
    "no less than": "at-least",
    "no fewer than": "at-least",
    "more than": "more-than",
    "over": "more-than",
    "nearly": "under",
    "almost": "under",
    "fewer than": "under",
    "less than": "under",
    "about": "about",
    "around": "about",
    "some": "about",
    "roughly": "about",
    "approximately": "about",
    "ما لا يقل عن": "at-least",
    "لا يقل عن": "at-least",
    "أكثر من": "more-than",
    "اكثر من": "more-than",
    "قرابة": "about",
    "نحو": "about",
    "حوالي": "about",
    "حوالى": "about",
}

# What a counted word measures in the data: (dataset kind, field).
FIELDS_EN = {
    "killed": ("casualties", "killed"),
    "kill": ("casualties", "killed"),
    "kills": ("casualties", "killed"),
    "killing": ("casualties", "killed"),
    "dead": ("casualties", "killed"),
    "deaths": ("casualties", "killed"),
    "death": ("casualties", "killed"),
    "died": ("casualties", "killed"),
    "injured": ("casualties", "injured"),
    "injuries": ("casualties", "injured"),
    "wounded": ("casualties", "injured"),
    "attacks": ("casualties", "attacks"),
    "raids": ("casualties", "attacks"),
    "strikes": ("casualties", "attacks"),
    "airstrikes": ("casualties", "attacks"),
    "families": ("displacement", "families"),
    "households": ("displacement", "families"),
    "displaced": ("displacement", "persons"),
    "fled": ("displacement", "persons"),
    "areas": ("counts", "count"),
    "locations": ("counts", "count"),
    "points": ("counts", "count"),
    "sites": ("counts", "count"),
    "targets": ("counts", "count"),
}
# Words that count people: compared with the displaced persons only when no word
# above names a casualty figure in the same place.
PEOPLE_EN = frozenset({"people", "persons", "person", "civilians", "residents"})
FIELDS_AR = (
    ("قتل", ("casualties", "killed")),
    ("قتيل", ("casualties", "killed")),
    ("مقتل", ("casualties", "killed")),
    ("جرح", ("casualties", "injured")),
    ("جريح", ("casualties", "injured")),
    ("مصاب", ("casualties", "injured")),
    ("اصاب", ("casualties", "injured")),
    ("غارة", ("casualties", "attacks")),
    ("غارات", ("casualties", "attacks")),
    ("هجوم", ("casualties", "attacks")),
    ("هجمات", ("casualties", "attacks")),
    ("ضربة", ("casualties", "attacks")),
    ("ضربات", ("casualties", "attacks")),
    ("عائل", ("displacement", "families")),
    ("عوائل", ("displacement", "families")),
    ("اسر", ("displacement", "families")),
    ("نازح", ("displacement", "persons")),
    ("نزح", ("displacement", "persons")),
    ("منطقة", ("counts", "count")),
    ("مناطق", ("counts", "count")),
    ("موقع", ("counts", "count")),
    ("مواقع", ("counts", "count")),
    ("نقطة", ("counts", "count")),
    ("نقاط", ("counts", "count")),
)
PEOPLE_AR = ("شخص", "اشخاص", "مدني", "نسم")

_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")  # harakat, dagger alif, tatweel
_ALIF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


_ARABIC = re.compile("[\u0600-\u06ff]")


def is_arabic(word: str) -> bool:
    return _ARABIC.search(word) is not None


def arabic_base(word: str) -> str:
    """An Arabic word without diacritics or tatweel, alif forms unified."""
    return _DIACRITICS.sub("", word).translate(_ALIF)


def arabic_forms(word: str) -> list[str]:
    """The word and the word without each possible leading particle (و، ف، ب، ل، ال)."""
    base = arabic_base(word)
    forms = [base]
    for prefix in _PREFIXES:
        if base.startswith(prefix) and len(base) - len(prefix) >= 2:
            forms.append(base[len(prefix) :])
    return forms


def _starts(word: str, stems) -> bool:
    forms = [f for f in arabic_forms(word) if not f.startswith("اسرائيل")]  # not أسر (families)
    return any(form.startswith(stem) for form in forms for stem in stems)


def is_count_word(word: str) -> bool:
    """Whether the word says what a number counts (killed, families, غارات...)."""
    if is_arabic(word):
        return _starts(word, COUNT_STEMS_AR)
    return word.lower() in COUNT_WORDS_EN


def is_unit_word(word: str) -> bool:
    """Whether the word makes the number before it a measure (15 km, two weeks, 10 am)."""
    if is_arabic(word):
        return _starts(word, UNIT_STEMS_AR)
    return word.lower().rstrip(".") in UNIT_WORDS_EN or word.lower() in UNIT_WORDS_EN


def month_of(word: str):
    """(True, month number or None) if the word names a month, else (False, None)."""
    if is_arabic(word):
        for form in arabic_forms(word):
            if form in MONTHS_AR:
                return True, MONTHS_AR[form]
        return False, None
    lower = word.lower().rstrip(".")
    return (True, MONTHS_EN[lower]) if lower in MONTHS_EN else (False, None)


def field_of(word: str):
    """(dataset kind, field) a counted word speaks of, 'people' for people, or None."""
    if is_arabic(word):
        for form in arabic_forms(word):
            for stem, target in FIELDS_AR:
                if form.startswith(stem):
                    return target
            if any(form.startswith(stem) for stem in PEOPLE_AR):
                return "people"
        return None
    lower = word.lower()
    if lower in FIELDS_EN:
        return FIELDS_EN[lower]
    return "people" if lower in PEOPLE_EN else None


# Whether a paragraph may hold a number at all (digits or a number word): the
# rule tokenizes only those.
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")
_LATIN_WORD = re.compile("[a-z]+")
_ARABIC_NUMBER = re.compile(
    "|".join(sorted({arabic_base(w) for w in NUMBER_WORDS_AR}, key=len, reverse=True))
)


def may_hold_number(text: str) -> bool:
    if _DIGIT.search(text):
        return True
    if not NUMBER_WORDS_EN.keys().isdisjoint(_LATIN_WORD.findall(text.lower())):
        return True
    return is_arabic(text) and _ARABIC_NUMBER.search(arabic_base(text)) is not None
