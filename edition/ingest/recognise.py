"""What a line is: a date, a byline, a photo credit or caption, a copyright notice, a heading,
a speaker label (site chrome is furniture.py's).  Each recogniser takes one line's text (spaces already
normalised) and answers on that line alone; where a line stands is decided by the callers.
The words of each language are in words.py.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from . import words

# -- shared ------------------------------------------------------------------------------------

SOURCE_RE = re.compile(r"^(?:Source|URL Source|Quelle|Fuente):\s*(?P<url>https?://\S+)$", re.I)
ITEM_RE = re.compile(r"^(?:(?P<bullet>[-*+•·▪◦‣●])|(?P<number>\d{1,3})(?P<delim>[.)]))\s+(?P<content>\S.*)$")
END_STOP_RE = re.compile(r"[.!?…][\"”’»)\]]*$")        # a line that ends a sentence
CLOSING_RE = re.compile(r"[.,;:!?…\"”’»)\]]$")


def compare_key(text: str) -> str:
    """Equal for lines a reader would call the same: case, spacing and width ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def bare(text: str) -> str:
    """The line as a key for the tables: compared case-blind, without trailing punctuation or bullet."""
    return compare_key(text).lstrip("•·-*▪ ").rstrip(" .:!|").strip()


def word_count(text: str) -> int:
    return len(text.split())


def is_sentence(text: str, words_at_least: int = 8) -> bool:
    """A line of running prose: enough words, ending like a sentence."""
    return word_count(text) >= words_at_least and bool(END_STOP_RE.search(text))


# -- dates -------------------------------------------------------------------------------------

_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, words.MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
_YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(words.WEEKDAYS) + r")\.?,?\s+)?"
DATE_FORMS = (
    rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}",                       # February 20, 2025 / Feb. 3 2025
    rf"{_DAY}\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?{_YEAR}",   # 20 février 2025 / 24 de abril de 2020
    rf"{_YEAR}-(?P<mnum>\d\d?)-(?P<day>\d\d?)",              # 2025-02-20
    rf"(?P<mnum>\d\d?)/(?P<day>\d\d?)/{_YEAR}",              # 02/20/2025 (US order unless impossible)
    rf"(?P<day>\d\d?)\.(?P<mnum>\d\d?)\.{_YEAR}",            # 20.02.2025, 7.11.2023
    rf"(?P<day>\d\d?)-(?P<mnum>\d\d?)-{_YEAR}",              # 11-11-2007 (day first)
)
_PREFIX = r"(?:(?P<prefix>" + "|".join(words.DATE_PREFIXES) + r")\s*:?\s*)?"
_TIME = (r"(?P<time>\s*(?:,|\||-|–|—|·|@|at|à|a las|um|um\s+)?\s*\d\d?[:.h]\d\d(?::\d\d)?\s*"
         r"(?:[ap]\.?\s?m\.?)?\s*(?:uhr|h)?\s*(?:[a-z]{2,5}|utc[+-]\d\d?|[+-]\d{4})?)?")
_TIME_FIRST = r"(?:\d\d?[:.]\d\d\s*(?:uhr|h)?\s*[,|·–-]?\s+)?"          # "16:12 17.06.2010"
DATE_LINE_RES = [re.compile(rf"^{_PREFIX}{_TIME_FIRST}{_WEEKDAY}{form}{_TIME}\.?$", re.I) for form in DATE_FORMS]
DATE_IN_TEXT_RES = [re.compile(rf"\b{form}\b", re.I) for form in DATE_FORMS]


SHORT_YEAR_RE = re.compile(r"^(?P<day>\d\d?)\.(?P<mnum>\d\d?)\.(?P<yy>\d\d)\s+\d\d?:\d\d$")   # 15.1.08 00:09
META_SPLIT_RE = re.compile(r"\s+(?:\|\|?|·|•|—|–|-|@)\s+|\s*\|\s*")
LABELLED_RE = re.compile(r"^(?P<label>[A-ZÀ-Þ]\w*(?: \w+){0,2}):\s*(?P<rest>\S.{3,80})$")
DATELINE_RE = re.compile(r"^(?P<place>[A-ZÀ-Þ][\w.'’ -]{1,40}?),\s+(?P<date>[^/()–—]{6,40}?)\s*"
                         r"(?:/[^/]{2,40}/|\([^)]{2,30}\))?\s*(?:--|—|–|-)\s")


@lru_cache(maxsize=4096)
def date_line(text: str) -> tuple[date, bool] | None:
    """(date, has a time) when the whole line is a date, with an optional weekday and time; or a
    meta row that starts or ends with one (`April 13, 2006 @ 9:40 pm | Filed under:`,
    `Publié le 11 avril 2025 - Mis à jour le 11 avril 2025`, `A im Gespräch mit B | 25.02.2018`)."""
    if len(text) > 120:
        return None
    if (found := whole_date(text)) is not None:
        return found
    parts = [part.strip() for part in META_SPLIT_RE.split(text) if part.strip()]
    if len(parts) < 2:
        return None
    for k in (0, len(parts) - 1):
        others = parts[1:] if k == 0 else parts[:-1]
        if (found := whole_date(parts[k])) and all(word_count(p) <= 8 and not END_STOP_RE.search(p) for p in others):
            return found
    return None


def leading_date(text: str) -> tuple[date, str] | None:
    """`05.04.2025 Am Samstagvormittag (5.4.2025) wurde …`: (the date a teaser opens on, the rest)."""
    found = text.split()
    for n in range(1, min(5, len(found) - 7)):
        rest = " ".join(found[n:])
        if rest[:1].isupper() and (day := date_line(" ".join(found[:n]))) and not date_line(" ".join(found[:n + 1])):
            return day[0], rest
    return None


def whole_date(text: str) -> tuple[date, bool] | None:
    if len(text) > 80:
        return None
    for pattern in DATE_LINE_RES:
        if (match := pattern.match(text)) and (found := make_date(match)):
            return found, bool(match["time"] and match["time"].strip())
    if (match := SHORT_YEAR_RE.match(text)):
        try:
            return date(2000 + int(match["yy"]), int(match["mnum"]), int(match["day"])), True
        except ValueError:
            return None
    return None


def labelled_date(text: str) -> date | None:
    """`Publication Type: Announcement 07/05/2023`, `Datum: Do, 09.02.2017 Status: öffentlich`: a
    label of the page whose value holds a date."""
    if len(text) > 100 or word_count(text) > 12 or not (match := LABELLED_RE.match(text)):
        return None
    return find_date(match["rest"])


def dateline_date(text: str) -> date | None:
    """`DALLAS, July 25, 2017 /PRNewswire/ -- ...`, `PARIS, 12 mars 2024 – ...`: the date of a
    paragraph's dateline."""
    match = DATELINE_RE.match(text)
    found = date_line(match["date"].strip(" ,")) if match else None
    return found[0] if found else None


def find_date(text: str) -> date | None:
    """The first date written anywhere in the text."""
    found = []
    for pattern in DATE_IN_TEXT_RES:
        for match in pattern.finditer(text):
            if (day := make_date(match)):
                found.append((match.start(), day))
    return min(found, key=lambda f: f[0])[1] if found else None


def english_words(groups: dict) -> bool:
    """Whether the words around a 03/10/2014 are English (or absent): it is then month first."""
    said = [groups.get("prefix"), groups.get("weekday")]
    return all(word is None or word.lower() in words.ENGLISH_DATE_WORDS for word in said)


def make_date(match: re.Match) -> date | None:
    groups = match.groupdict()
    year, day = int(groups["year"]), int(groups["day"])
    if groups.get("month"):
        month = words.MONTHS[groups["month"].lower()]
    else:
        month = int(groups["mnum"])
        if month > 12 and day <= 12 or "/" in match.group() and not english_words(groups):
            month, day = day, month       # 20/02/2025 can only be day first; "le 03/10/2014" is too
    try:
        return date(year, month, day)
    except ValueError:
        return None


DATED_LABEL_RE = re.compile(r"^(?P<date>.+?)\s+(?P<label>(?:press release|statement|news|release|"
                            r"written by|communiqué|nota de prensa|pressemitteilung|remarks|speech)"
                            r"(?: by)?)$", re.I)


def dated_label(text: str) -> date | None:
    """`February 17, 2005 Press Release`, `Monday, 03 February 2020 01:45 Written by`: an item's date."""
    match = DATED_LABEL_RE.match(text)
    found = date_line(match["date"]) if match else None
    return found[0] if found else None


def series_line(text: str) -> bool:
    """`Poem 217 ± January 7, 2016`, `Recortes de Prensa Sábado 30 Agosto 2025`: a full date and
    three or four words more; a heading of a series, not a title."""
    if word_count(text) > 8 or date_line(text):
        return False
    for pattern in DATE_IN_TEXT_RES:
        if (match := pattern.search(text)) and make_date(match):
            before = text[:match.start()].split()
            if before and before[-1].lower() in words.DATE_PREPOSITIONS:
                return False          # "Aus der Gemeinderatssitzung vom 6. November 2014": a phrase with a date
            rest = [w for w in (text[:match.start()] + " " + text[match.end():]).split()
                    if w.lower().strip(",.") not in words.WEEKDAYS]
            return len(rest) <= 4
    return False


def closing_date(text: str) -> date | None:
    """`PM der BPOLD München vom 10.12.2018`, `Communiqué du 3 mars 2020`: a short last line naming
    the text's source, ending on its date."""
    if word_count(text) > 10:
        return None
    for pattern in DATE_IN_TEXT_RES:
        for match in pattern.finditer(text):
            before = text[:match.start()].split()
            if (day := make_date(match)) and not text[match.end():].strip(" .") and len(before) >= 2 \
                    and before[-1].lower() in words.DATE_PREPOSITIONS:
                return day
    return None


# -- bylines -----------------------------------------------------------------------------------

NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_BY = "|".join(sorted(words.BYLINE_WORDS, key=len, reverse=True))
BY_RE = re.compile(rf"^(?:{_BY})\s*:?\s+(?P<names>\S.{{0,90}})$", re.I)
NAME_TITLE_RE = re.compile(rf"^(?P<name>{NAME_WORD}(?: {NAME_WORD}){{1,3}}),\s+(?P<role>.{{3,80}})$")
ACADEMIC_RE = re.compile(rf"^(?:(?:Prof|Dr|Dra|Pr|Me|Mgr|Ing)\.\s*)+{NAME_WORD}(?: {NAME_WORD}){{1,4}}(?:,\s*.{{2,40}})?$")
NAMES_ON_DATE_RE = re.compile(r"^(?P<names>.{3,80}?)\s+(?:le|el|am|on|,)\s+(?P<date>.{6,40})$", re.I)
DATE_THEN_NAMES_RE = re.compile(r"^(?P<date>.{6,60}?)\s+(?:by|par|por|von)\s+(?P<names>\S.{2,90})$", re.I)


def is_byline(text: str) -> bool:
    """`By Jane Doe`, `Par Sophie Brunn`, `Von: A, B`, `Marco Rubio, Secretary of State`."""
    if len(text) > 120:
        return False
    if (match := BY_RE.match(text)):
        names = match["names"]
        return looks_like_names(names) and not names.lower().startswith(("the ", "a ")) and ":" not in names
    if ACADEMIC_RE.match(text):
        return True
    if (match := NAME_TITLE_RE.match(text)):
        role = match["role"]
        found = re.findall(r"[\w'’.-]+", role)
        return len(found) <= 8 and any(word.lower() in words.ROLES for word in found) and (
            looks_like_names(role) or role[:1].islower())
    return False


def byline_names(text: str) -> str:
    """The names of a byline: `By Jane Doe` -> `Jane Doe`."""
    match = BY_RE.match(text)
    return match["names"] if match and looks_like_names(match["names"]) else text


def dated_byline(text: str) -> tuple[str, date] | None:
    """`Sophie Brunn, Clément Parrot le vendredi 14 juillet 2017`: names, then a date; or
    `Publication PUBLIÉ LE 03/10/2014 PAR Solène Méric - Lise Gallitre`: a date, then the names."""
    if (match := DATE_THEN_NAMES_RE.match(text)) and looks_like_names(match["names"]):
        day = match["date"]
        found = date_line(day) or (date_line(day.split(None, 1)[1]) if " " in day else None)
        if found:
            return match["names"].strip(" ,"), found[0]
    match = NAMES_ON_DATE_RE.match(text)
    if not match or not (found := date_line(match["date"])):
        return None
    names = match["names"].strip(" ,")
    return (byline_names(names), found[0]) if looks_like_names(names) or is_byline(names) else None


def looks_like_names(text: str) -> bool:
    """Capitalised words (and connectives) only, at most ten: names and titles, not a sentence."""
    found = [w.strip("-–—") for w in re.findall(r"[^\s,|&;/]+", text)]
    found = [w for w in found if w]
    if not found or len(found) > 10 or re.search(r"[.!?]$", text) and len(found[-1]) > 3:
        return False
    return all(word[0].isupper() or word.lower() in words.NAME_CONNECTIVES for word in found)


def is_bare_name(text: str) -> bool:
    """`Emily Dickinson`, `Edgar Allen Poe`, `W.W. Jacobs`: a person's name alone on its line."""
    found = text.split()
    inner = [w for w in found[1:-1] if w in words.NAME_PARTICLES]          # Joseph von Eichendorff
    named = [w for w in found if w not in inner]
    return (2 <= len(named) <= 4 and len(text) <= 40 and not text.isupper()
            and all(re.fullmatch(r"(?:[A-ZÀ-Þ][a-zà-ÿ'’-]+|[A-Z]\.(?:[A-Z]\.)*)", w) for w in named)
            and not any(w.lower() in words.ROLES or w.lower() in words.SMALL_WORDS for w in named))


# -- photo credits and captions ----------------------------------------------------------------

PERSON = rf"{NAME_WORD}(?: {NAME_WORD}){{0,3}}"
AGENCY = (r"(?:AP|A\.P\.|AFP|Reuters|REUTERS|Getty Images|Getty|EPA(?:-EFE)?|EFE|Bloomberg|"
          r"Shutterstock|Alamy|iStock(?:photo)?|Xinhua|Sipa(?: USA)?|ZUMA(?: Press)?|Pool|"
          r"NurPhoto|Anadolu(?: Agency)?|UPI|dpa(?:-[A-Z][a-z]+)?|DPA|picture alliance|Europa Press|Imago|IMAGO|"
          r"(?:The )?Associated Press|Agence France-Presse|Deutsche Presse-Agentur|PRNewsFoto|PR Newswire|"
          r"Business Wire|GlobeNewswire|Keystone|ANP|ANSA|APA|Belga|KNA|epd)")
CREDIT_FORMS = (
    rf"{AGENCY}(?: Photo)?(?:\s*/\s*{PERSON})?(?:,? (?:via|for) {AGENCY})?",  # AP/Name, AFP via Getty Images
    rf"{PERSON}\s*/\s*{AGENCY}(?: via {AGENCY})?",                           # Name/Reuters
    rf"{PERSON} (?:via|for) {AGENCY}",                                       # Name via Getty Images
    rf"(?i:photo(?:graph)?s?|image|picture|credit|photo credit|foto|bild|crédit photo|illustration|"
    rf"drawing|dessin)(?: by| de| von)?\s*[:|–—-]?\s*(?:{AGENCY}|{PERSON})(?:\s*/\s*(?:{AGENCY}|{PERSON}))?",   # Photo: Name
    r"(?i:illustrated|illustrations|drawings|photographs|photos|pictures) by\s+\S.{1,40}",  # Illustrated by ...
    r"(?i:foto|photo|bild|image|imagen|crédit|credit|quelle)\s*:\s*\S.{1,30}",                 # Foto: privat
    r"©\s*\S.{0,40}",                                                        # © preveniryproteger.com
)
CREDIT_RE = re.compile(r"^\(?(?:" + "|".join(CREDIT_FORMS) + r")\)?$")
MAX_CAPTION = 500


def is_credit(text: str) -> bool:
    return len(text) <= 80 and bool(CREDIT_RE.match(text))


def split_caption(text: str, known_credit: str) -> tuple[str, str] | None:
    """(caption, credit) when the line ends with a photo credit after the caption."""
    if known_credit:
        if text.endswith(" " + known_credit) and len(text) > len(known_credit) + 10:
            return text[: -len(known_credit)].rstrip(), known_credit
        return None
    if len(text) > MAX_CAPTION and not (len(text) <= 3 * MAX_CAPTION and re.search(r"\([^()]{3,60}\)$", text)):
        return None               # a long caption ends with its credit in brackets: "... (Don Thompson / AP)"
    for match in re.finditer(r" (?:\| )?", text):
        caption, credit = text[: match.start()], text[match.end():]
        if len(caption) >= 15 and is_credit(credit) and (
                re.search(r"[.!?)”\"’]$", caption) or credit.startswith(("(", "©")) or "|" in match.group()):
            return caption, credit.removeprefix("(").removesuffix(")")
    return None


# -- copyright ---------------------------------------------------------------------------------

COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright\b\s*(?:©|\(c\))?)\s*(?P<rest>.*)$", re.I)
NOTICE_START_RE = re.compile(r"^(?:©|(?:copyright\s*)?(?:©|\(c\))?\s*(?:19|20)\d\d\b|"
                             r"copyright\s*(?:©|\(c\)))", re.I)
RIGHTS_RE = re.compile(rf"(?:{words.RIGHTS})", re.I)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
LEGAL_SUFFIX_RE = re.compile(r"(?:,?\s+(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|Limited|plc|PLC|Corp\.?|"
                             r"Corporation|Co\.|Company|GmbH|AG|S\.A\.|SA|SAS|S\.L\.|LP|L\.P\.))+$")


OLD_NOTICE_RE = re.compile(r"^(?:entered,? according to (?:the )?act of congress|copyright,? (?:18|19)\d\d,? by)\b", re.I)


def is_copyright(text: str) -> bool:
    """`© ...`, `Copyright 2025 ...`, `(c) 2025 ...`, `X 2025 — Tous droits réservés`.

    Not "(c) In 2025, the Secretary shall ..." (a lettered clause) nor "Copyright law ...".
    """
    if OLD_NOTICE_RE.match(text):
        return True             # "Entered according to the Act of Congress, in the year 1851, by ..."
    if len(text) > 200:
        return False
    if COPYRIGHT_RE.match(text):
        return bool(NOTICE_START_RE.match(text)) or bool(RIGHTS_RE.search(text))
    return bool(RIGHTS_RE.search(text)) and bool(YEAR_RE.search(text)) and word_count(text) <= 12


def copyright_holder(notice: str) -> str:
    """`© 2025 The New York Sun Company, LLC. All rights reserved.` -> `The New York Sun`."""
    match = COPYRIGHT_RE.match(notice)
    rest = match["rest"] if match else notice
    rest = re.sub(r"^(?:(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?[,.]?\s*)+", "", rest)
    rest = re.sub(rf"[.,]?\s*[-–—|]?\s*(?:{words.RIGHTS}).*$", "", rest, flags=re.I)
    rest = re.sub(r"\s*(?:19|20)\d\d\s*$", "", rest.strip(" .,–—-"))
    return LEGAL_SUFFIX_RE.sub("", rest).strip(" .,–—-")


EPIGRAPH_RE = re.compile(r"^[“\"«„‘'].{8,400}[”\"»“’'][.,]?\s*[–—-]\s*\S.{1,120}$")


def is_epigraph(text: str) -> bool:
    """`“In Italian, the word stanza means ‘room.’” – Doireann Ní Ghríofa, A Ghost in the Throat`:
    a quotation and, after a dash, whose words they are: an epigraph over the text, not its title."""
    return bool(EPIGRAPH_RE.match(text))


def is_short_label(text: str) -> bool:
    return len(text) <= 60 and word_count(text) <= 8 and not re.search(r"[.!?:;,]$", text)


def is_nameplate_of(text: str, holder: str) -> bool:
    """A short line that is the copyright holder's name, or its first words."""
    if not holder or not is_short_label(text):
        return False
    line, name = compare_key(text), compare_key(holder)
    return name == line or name.startswith(line + " ")


# -- headings and speakers ---------------------------------------------------------------------

ROMAN = r"[IVXLCDM]{1,7}"
STRUCTURAL_RE = re.compile(
    rf"^(?:(?:chapter|chap\.|book|part|section|sec\.|canto|act|scene|stave|letter|volume|"
    rf"chapitre|livre|partie|titre|acte|capítulo|libro|parte|título|kapitel|buch|teil|abschnitt|"
    rf"article|art\.|artículo|artikel|annexe|anexo|anhang|appendix|schedule)\s+"
    rf"(?:{ROMAN}|\d{{1,4}}[a-z]?|premier|première|1er|primero|único|unique|[a-z])\.?(?:\s*[:.–—-]\s*.{{0,80}}"
    rf"|\s+(?:of|de|del|des|du|der|des|vom)\s+[^.!?]{{1,60}})?"
    rf"|§\s*\d{{1,4}}[a-z]?\.?(?:\s+.{{0,80}})?|{ROMAN}\.?"
    rf"|(?:preface|foreword|introduction|prologue|epilogue|afterword|préface|avant-propos|prologue|épilogue|"
    rf"prefacio|prólogo|introducción|epílogo|vorwort|einleitung|prolog|epilog|nachwort)\.?)$", re.I)


def is_structural_heading(text: str) -> bool:
    """`CHAPTER I.`, `BOOK IV.`, `Article premier`, `Artículo 3`, `ARTICLE 1 : Périodicité des séances`,
    `§ 12 Geltungsbereich`, `II`, `PREFACE`, `Vorwort`."""
    return len(text) <= 100 and bool(STRUCTURAL_RE.match(text)) and not is_sentence(text, 10)


SPEAKER_LINE_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’. -]{1,40}(?:,\s[A-ZÀ-ÖØ-Þ ,'’.-]{2,80})?:?$")
SPEAKER_PREFIX_RE = re.compile(
    r"^(?:(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*(?:\s[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.-]*){0,4})\s?:|Q:|A:|Q\s\(|"
    r"(?:[A-ZÀ-Þ][\wÀ-ÿ'’.]*(?:\s[\wÀ-ÿ'’.]+){0,5})\.-)\s*\S")


def is_speaker_line(text: str) -> bool:
    """`ROMAIN DESARBRES`, `STANISLAS GUERINI`: a speaker's name in capitals, alone on its line."""
    return (len(text) <= 80 and text.upper() == text and any(c.isalpha() for c in text)
            and bool(SPEAKER_LINE_RE.match(text)) and 1 <= word_count(text) <= 12)


def has_speaker_prefix(text: str) -> bool:
    """`MR PRICE: Hello.`, `QUESTION: ...`, `Pregunta.- Buenas tardes.`, `Q (Inaudible.)`."""
    return bool(SPEAKER_PREFIX_RE.match(text))


# -- line shapes -------------------------------------------------------------------------------

URL_LINE_RE = re.compile(r"^(?:https?://|www\.)\S+$")
TIME_LINE_RE = re.compile(r"^\d\d?[:.h]\d\d\s*(?:[ap]\.?\s?m\.?)?\s*(?:[a-z]{2,5})?$", re.I)
GUTENBERG_RE = re.compile(r"project gutenberg|gutenberg\.org|\bpgdp\.net|\*\*\* ?(?:start|end) of (?:this|the) project", re.I)
