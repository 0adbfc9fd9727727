"""The page's address: its slug (the words of its last path segment) and its host.

A `Source:` address tells the title when no line of the page reads as one
(`/news/2024/minister-visits-lyon-2/` -> "Minister Visits Lyon"), picks the headline among
several title-like lines (the one that spells the slug), and names the site
(`La Moncloa` on lamoncloa.gob.es).
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from edition.ids import slugify

from . import words
from .recognise import word_count

YEAR_RE = re.compile(r"1[5-9]\d\d|20\d\d")


def title_words(text: str) -> list:
    return [w for w in slugify(re.sub(r"['’]s\b", "", text), limit=False).split("-") if w]


def is_host_name(text: str, url: str) -> bool:
    """`La Moncloa` on lamoncloa.gob.es, `Staatskanzlei` on stk...: the site's own name."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    name = slugify(text, limit=False).replace("-", "")
    label = host.split(".")[0] if host else ""
    first = slugify(text.split()[0], limit=False).replace("-", "") if text.split() else ""
    return bool(host) and (len(name) >= 4 and word_count(text) <= 4 and label == name
                           or len(label) >= 8 and first == label and word_count(text) <= 10)


def host_label(url: str) -> str:
    """`rev` for https://www.rev.com/blog/...: the site's name as its address spells it."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    return host.split(".")[0] if host.count(".") >= 1 else ""


def is_path_name(text: str, url: str) -> bool:
    """`Chattanooga Times Free Press` on /usa/chattanooga-times-free-press/20200827/...: a name of
    three words or more that a folder of the address spells (not its last segment, the slug)."""
    if not url or word_count(text) < 3:
        return False
    segments = [s for s in unquote(urlsplit(url).path).split("/") if s][:-1]
    return "-".join(title_words(fold(text))) in {"-".join(title_words(fold(s.replace("_", "-")))) for s in segments}


def address_words(url: str) -> list:
    """The words of the address's last meaningful path segment: its slug."""
    if not url:
        return []
    path = unquote(urlsplit(url).path)
    for segment in reversed([s for s in path.split("/") if s]):
        segment = re.sub(r"\.(?:html?|php|aspx?|jsp|txt|p)$", "", segment, flags=re.I)
        found = [w for w in re.split(r"[-_+.\s]+", segment.lower()) if w]
        ids = [i for i, w in enumerate(found) if re.fullmatch(r"\d{5,}", w)]
        if ids and ids[-1] == len(found) - 2 >= 2 and len(found[-1]) <= 2:
            found.pop()            # "gobierno-logra-aprobacion-20180419120734-nt": a code after the id
        found = [w for w in found if not re.fullmatch(r"\d{5,}|[a-z]\d+[a-z\d]*", w) or len(found) < 3]
        while found and found[-1].isdigit() and (len(found[-1]) <= 3 or not YEAR_RE.fullmatch(found[-1])):
            found.pop()            # "minister-visits-lyon-2", "les-vraies-voix-606": tells pages apart (a year stays)
        while found and found[0].isdigit() and len(found[0]) >= 4:
            found.pop(0)           # "290541-olivier-veran": an id
        if sum(w.isalpha() for w in found) >= 2:
            return found
    return []


def slug_match(text: str, slug: list) -> float:
    """How well a line spells the address's slug: the share of each in the other, the smaller."""
    mine = title_words(fold(text))
    theirs = [fold(w) for w in slug]
    if not mine:
        return 0.0
    common = len(set(mine) & set(theirs))
    return min(common / len(set(theirs)), common / len(set(mine)) * 1.5)


def fold(text: str) -> str:
    """Compare `Göttingen` with `goettingen` and `gottingen`."""
    return text.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u").replace("ae", "a") \
        .replace("oe", "o").replace("ue", "u").replace("ß", "ss")


def title_from_address(url: str) -> str:
    """`/news/2024/minister-visits-lyon-2/` -> `Minister Visits Lyon`."""
    found = [w for w in address_words(url) if not re.fullmatch(r"\d{6,}", w)]
    if len(found) < 2:
        return ""
    return " ".join(w if i and w in words.SMALL_WORDS else w.capitalize() for i, w in enumerate(found))
