"""What a line of site furniture is, by its words alone: skip links, menus and navigation, breadcrumbs,
share and print rows, cookie, newsletter and paywall prompts, comments, counters, adverts, sign-in and
terms lines.  Each recogniser answers on one line's text; chrome.py and head.py decide with its place.
The words of each language are in words.py.
"""
from __future__ import annotations

import re

from . import words
from .recognise import (
    CLOSING_RE, END_STOP_RE, ITEM_RE, bare, compare_key, date_line, is_copyright, is_sentence, word_count,
)

_LINES = {phrase: kind for kind, phrases in words.CHROME_LINES.items() for phrase in phrases}
PROMPT_RE = re.compile(r"(?:^|\s)(?:" + "|".join(words.PROMPT_STARTS) + r")", re.I)
NAV_ITEM = rf"(?:{words.NAV_WORDS})"
SECTION_RE = re.compile(r"speeches|statements|press releases|press|media|publications|events|videos|photos|"
                        r"discours|discursos|reden|dossiers?|politik|wirtschaft|kultur|sport|politique|économie|"
                        r"culture|política|economía|cultura|deportes|news|nachrichten|actualités|noticias")
NAV_LINE_RE = re.compile(rf"^(?:[•·\-*]\s*)?{NAV_ITEM}(?:(?:\s*[|·•/,:>›»]\s*|\s+){NAV_ITEM})*(?:\s*:\s*.{{0,30}})?$", re.I)
BREADCRUMB_RE = re.compile(r"^[^.!?]{1,60}(?:\s(?:>|›|»|/|\|)\s[^.!?]{1,80}){1,6}$")
NUMBERED_CRUMB_RE = re.compile(r"^\d\.\s+\S+(?:-\S+)+$")     # "1. rosenheim24-de": a breadcrumb step
SEPARATOR_RE = re.compile(r"^(?:[_=~*#·•-]\s*){3,}$")
EMBED_RE = re.compile(r"^<(?:iframe|script|div|img|embed|object|video|figure)\b", re.I)
SHARE_CONTROL_RE = re.compile(r"^(?:[•·\-*]\s*)?(?:x|twitter|facebook|whatsapp|linkedin|telegram|e-?mail|"
                              r"enviar por correo|envoyer par e-?mail|per e-?mail senden|correo)\s*:\s*"
                              r"(?:opens? (?:in )?(?:a )?new window|abre ventana nueva|nouvelle fenêtre|"
                              r"ouvre une nouvelle fenêtre|öffnet (?:in )?(?:einem )?neuen fenster)$", re.I)
COMMENTS_RE = re.compile(r"^(?:\w+\s+)?(?:\d+|no|no hay|aucun|keine|sin|kein|pas de|0)\s+(?:antworten|kommentare?(?:\(e\))?|"
                         r"comments?|responses?|replies|r[ée]ponses|commentaires?|comentarios?|respuestas|reacciones|"
                         r"réactions|reactions)\b\s*:?(?:\s+(?:auf|on|to|à|a|zu|sur|sobre|über|zum|zur)\b.*|\s*[|(].{0,40}|\s{2,}.{0,40})?$", re.I)
COUNTER_RE = re.compile(r"^(?:hits|views|vues|visitas|aufrufe|reads|lectures|lecturas)\s*:?\s*[\d.,]+$|"
                        r"^\d+\s*(?:min\.?|minutes?|mins?)(?:\s+(?:read|de lecture|de lectura|lesezeit|lesen))?$", re.I)
ADVERT_RE = re.compile(r"^(?:advertisement|sponsored(?: content)?|paid content|publicité|publicidad|"
                       r"anzeige|werbung|(?:story|article) continues below(?: advertisement)?|"
                       r"scroll to continue(?: reading)?|continue reading below)"
                       r"(?:\s*[-–—:|]\s*.{0,60})?$", re.I)
SIGN_IN_RE = re.compile(r"^(?:sign in|sign up|log in|login|subscribe|create (?:a |an )?(?:free )?account|"
                        r"already (?:a subscriber|have an account)|don['’]t have an account|"
                        r"se connecter|s'abonner|iniciar sesión|suscribirse|anmelden|registrieren|einloggen)\b", re.I)
SIGN_IN_WORDS_RE = re.compile(r"\b(?:account|subscri\w*|newsletter|free|premium|member\w*|"
                              r"continue reading|to read|sign in|sign up|log in|compte|cuenta|konto)\b", re.I)
TERMS_RE = re.compile(r"^(?:use of (?:this|our) (?:site|website|service)|"
                      r"by (?:continuing|using|accessing|signing (?:up|in)|clicking|subscribing|"
                      r"registering|creating an account)\b.*\b(?:agree|accept|consent)\b.*"
                      r"\b(?:terms|privacy|policy|cookies)\b|"
                      r"your use of (?:this|our)\b|this (?:site|website) (?:uses cookies|is protected by)|"
                      r"we use cookies|(?:read|see|review) our (?:privacy|terms|cookie))", re.I)
DOWNLOAD_RE = re.compile(r"^(?:download (?:as )?pdf|print this (?:page|article)|télécharger (?:le )?pdf|"
                         r"descargar pdf|pdf herunterladen)\s+(?=\S.{100})", re.I)
CONNECTIVE_RE = re.compile(r"^(?:or|and|ou|et|o|y|oder|und|\||•|·|—|–|-|/)$", re.I)
IMAGE_LINE_RE = re.compile(r"^(?:\[?!\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)]*\)\]?(?:\([^)]*\))?\s*)+$")
ILLUSTRATION_RE = re.compile(r"^\[(?:Illustrations?|Image|Picture|Frontispiece)(?::[^\]]*)?\]$", re.I)
SHARE_LABEL_RE = re.compile(r"^(?:share|partager|compartir|teilen|follow us|suivez-nous|síguenos|folgen sie uns)"
                            r"(?: this (?:page|article|story|post))?\s*:\s*", re.I)
STRONG_PROMPT_RE = re.compile(r"cookie|subscribed|email address|website|site uses|site utilise|portal utiliza|"
                              r"subscri|abonn|suscri", re.I)
SHARE_ROW_RE = re.compile(r"^(?:(?:share|partager|compartir|teilen|tweet|email|e-mail)(?: (?:on|sur|en|auf|via|by|this))? ?"
                          r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|bluesky|threads)?\s*[|·•]?\s*){1,8}$", re.I)
SITE_CREDIT_RE = re.compile(r"\b(?:powered by|propulsé par|desarrollado por|bereitgestellt von)\b", re.I)
MORE_LINK_RE = re.compile(r"^(?:more|other|see also|also by|read more|plus de|d'autres|más|otros|mehr|weitere)\b[^.!?]{0,50}$", re.I)
SYMBOLS_RE = re.compile(r"^[^\w]{1,3}$")
LINK_LINE_RE = re.compile(r"^[^|.!?]{1,30}(?:\s\|\s[^|.!?]{1,30}){3,}$")
READING_TIME_RE = re.compile(r"^(?:" + "|".join(words.READING_TIMES) + r")$", re.I)
HOME_CRUMB_RE = re.compile(rf"^(?:{words.HOME_WORDS})(?:\s*(?:[>›»/|]|::|\s[-–]\s)\s*\S|(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ]))", re.I)
HOME_GLUED_RE = re.compile(r"^(?:Home|Accueil|Inicio|Portada|Startseite)(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")   # "InicioPolítica..."
RELATED_LINK_RE = re.compile(r"^(?:" + "|".join(words.RELATED_LINK_PREFIXES) + r")\s*:\s*\S", re.I)
PAYWALL_RE = re.compile(r"^(?:" + "|".join(words.PAYWALL_STARTS) + r")", re.I)
FEEDBACK_RE = re.compile(r"^(?:" + "|".join(words.FEEDBACK_STARTS) + r")", re.I)
RELATED_HEADING_RE = re.compile(r"^(?:" + "|".join(words.RELATED_HEADINGS) + r")\s*:?$", re.I)
ARCHIVE_RE = re.compile(r"^(?:" + "|".join(words.ARCHIVE_LABELS) + r")\s*\S.{0,60}$", re.I)
SEARCH_PAGE_RE = re.compile(r"^(?:" + "|".join(words.SEARCH_PAGE_LINES) + r")$", re.I)
TRANSCRIPT_LABEL_RE = re.compile(r"^(?:" + "|".join(words.TRANSCRIPT_LABELS) + r")\s*:?$", re.I)
PRINT_VERSION_RE = re.compile(words.PRINT_VERSION, re.I)
WEATHER_RE = re.compile(r"^-?\d{1,2}(?:[.,]\d)?\s*(?:°\s*[CF]?|[CF])$|"
                        r"^(?:today|hoy|aujourd'hui|heute|mañana|demain|morgen|tomorrow)\s+-?\d{1,2}\s*°?\s*/\s*-?\d{1,2}", re.I)
TIMESTAMP_RE = re.compile(r"^(?:actualizado|updated|last updated|mis à jour|mise à jour|aktualisiert|publicado|published|"
                          r"posted|publié|veröffentlicht|stand)\s*:?\s*(?:el|le|am|on|at|à|a las|um)?\s*"
                          r"\d\d?[:.h]\d\d\s*(?:h|uhr|[ap]\.?m\.?)?$", re.I)
QUOTED_RE = re.compile(r"«[^«»]*»|‹[^‹›]*›")
PDF_LINK_RE = re.compile(r"\b(?:versión|version|documento|document|dokument|download|descargar|télécharger|"
                         r"herunterladen)\s+(?:en\s+|als\s+|as\s+)?pdf\)?$", re.I)
IMAGE_PATH_RE = re.compile(r"^\(?\S*\.(?:png|jpe?g|gif|webp|svg)\)?$", re.I)
TAGLINE_RE = re.compile(r"^(?:from|de|aus|desde)\s+(?:wiki\w+|[A-Z]\w+),\s+(?:the free|la \w+ libre|l['’]\w+ libre|"
                        r"el \w+ libre|der freien|die freie|das freie)\b.{0,30}$", re.I)
BUTTON_RE = re.compile(r"^(?:télécharger|download|descargar|herunterladen|inscription|inscrivez-vous|register|"
                       r"registration|inscripción|inscríbete|anmeldung|jetzt anmelden)\b", re.I)
GLUED_RE = re.compile(r"[a-zà-öø-ÿß]{2}[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]")
SHARE_TOKEN_RE = re.compile(r"[^\s!:,;]+")


def chrome_kind(text: str) -> str | None:
    """The kind of site chrome a whole line is by its words alone, or None.

    Some kinds are chrome only where they stand (a section label above the title, a related
    list at the end): chrome.py decides with the line's place.
    """
    key = bare(text)
    if key in _LINES:
        return _LINES[key]
    if compare_key(text) in _LINES:
        return _LINES[compare_key(text)]
    if SEPARATOR_RE.match(text):
        return "separator"
    if SYMBOLS_RE.match(text) and text not in ("—", "–", "-", "*", "***"):
        return "loading or placeholder text"
    if IMAGE_LINE_RE.match(text) or ILLUSTRATION_RE.match(text) or IMAGE_PATH_RE.match(text):
        return "image"
    if len(text) <= 120 and PDF_LINK_RE.search(text):
        return "download link"
    if TAGLINE_RE.match(text):
        return "site tagline"
    if word_count(text) <= 8 and BUTTON_RE.match(text) and not END_STOP_RE.search(text):
        return "download or sign-up button"
    if SHARE_ROW_RE.match(text) and any(c.isalpha() for c in text):
        return "share or print control"
    if len(text) <= 120 and SITE_CREDIT_RE.search(text):
        return "site credit"
    if EMBED_RE.match(text):
        return "embedded code"
    if SHARE_CONTROL_RE.match(text):
        return "share or print control"
    if len(text) <= 300 and (match := PROMPT_RE.search(text)) and (match.start() == 0 or match.start() <= 80
                                                                    and STRONG_PROMPT_RE.search(match.group())):
        return "cookie, newsletter or subscription prompt"
    if COUNTER_RE.match(text) or READING_TIME_RE.match(text):
        return "counter or reading time"
    if COMMENTS_RE.match(text):
        return "readers' comments"
    if is_share_row(text):
        return "share or print control"
    if len(text) <= 200 and (HOME_CRUMB_RE.match(text) and is_breadcrumb(text) or HOME_GLUED_RE.match(text)):
        return "breadcrumb"
    if len(text) <= 200 and RELATED_LINK_RE.match(text):
        return "link to another article"
    if len(text) <= 200 and PAYWALL_RE.match(text):
        return "paywall or sign-in prompt"
    if len(text) <= 120 and FEEDBACK_RE.match(text) and not is_sentence(text, 8):
        return "feedback prompt"
    if len(text) <= 60 and RELATED_HEADING_RE.match(text):
        return "related-articles heading"
    if len(text) <= 100 and ARCHIVE_RE.match(text):
        return "archive or tag heading"
    if len(text) <= 100 and SEARCH_PAGE_RE.match(text):
        return "search page's prompt, count or sort control"
    if len(text) <= 80 and TRANSCRIPT_LABEL_RE.match(text):
        return "section label"
    if len(text) <= 120 and PRINT_VERSION_RE.search(text):
        return "print-version nameplate"
    if WEATHER_RE.match(text):
        return "weather"
    if TIMESTAMP_RE.match(text):
        return "date label with no date"
    if is_tag_row(text):
        return "tags or categories"
    if len(text) <= 200 and NAV_LINE_RE.match(SHARE_LABEL_RE.sub("", text)) and not END_STOP_RE.search(text) \
            and not SECTION_RE.fullmatch(key):
        return "navigation links"
    if NUMBERED_CRUMB_RE.match(text):
        return "breadcrumb"
    if is_glued_titles(text):
        return "link or image titles run together"
    return None


def chrome_reason(text: str) -> str | None:
    """Why a whole line is site chrome wherever it stands, or None."""
    if is_copyright(text):
        return "copyright notice (recorded as copyright)"
    if len(text) <= 80 and ADVERT_RE.match(text):
        return "advertisement"
    if len(text) <= 100 and (prompt := SIGN_IN_RE.match(text)) and (
            word_count(text) <= 3 or SIGN_IN_WORDS_RE.search(text, prompt.end())):
        return "sign-in or subscription prompt"     # not "Sign up for the program opens Monday."
    if len(text) <= 500 and TERMS_RE.match(text):
        return "terms or privacy notice"
    kind = chrome_kind(text)
    return kind if kind in ANYWHERE else None


# Kinds that are chrome wherever they stand; the others only in the head or the footer.
ANYWHERE = {"skip link", "share or print control", "back-to-top link", "back link", "feedback prompt",
            "loading or placeholder text", "cookie, newsletter or subscription prompt",
            "counter or reading time", "embedded code", "separator", "press-release marker",
            "date label with no date", "breadcrumb", "image", "site credit", "byline label with no name",
            "link to another article", "paywall or sign-in prompt", "link to the rest of the text", "weather",
            "download link", "site tagline"}


def is_share_row(text: str) -> bool:
    """`Copier le lien Partager sur FaceBook Imprimer`, `• Compartilo en redes :`, `Facebook! Twitter`:
    only the words of share and print buttons, with two of them (or one verb: share, partager...)."""
    if len(text) > 160:
        return False
    tokens = [t.lower().strip("•·()[]") for t in SHARE_TOKEN_RE.findall(text)]
    tokens = [t for t in tokens if t]
    if not tokens or not all(t in words.SHARE_STRONG or t in words.SHARE_FILLER for t in tokens):
        return False
    strong = [t for t in tokens if t in words.SHARE_STRONG]
    return len(set(strong)) >= 2 or any(t in words.SHARE_VERBS for t in tokens)


def is_tag_row(text: str) -> bool:
    """`Allgemein Bevölkerungsschutz Bravo Gefahrenabwehr Illegale Waffen`: six or more capitalised
    words and nothing else (no small word, digit or punctuation): a row of tags, not a headline."""
    found = text.split()
    return (len(found) >= 6 and all(re.fullmatch(r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿß]+", w) for w in found)
            and not any(w.lower() in words.SMALL_WORDS or w.lower() in words.NAME_CONNECTIVES for w in found))


def is_glued_titles(text: str) -> bool:
    """`Gefährlicher PantherFreundlicher TigerMüder Panther`: the titles of a row of images or links
    flattened with nothing between them, two joins or more in a short line that ends no sentence."""
    return word_count(text) <= 15 and len(GLUED_RE.findall(text)) >= 2 and not CLOSING_RE.search(text)


def is_breadcrumb(text: str) -> bool:
    """`Home > Speeches > Gettysburg Address`, `Accueil › Discours`, `A | B | C`; not the closing
    quotation mark of `un « modèle » à ne pas suivre`."""
    text = QUOTED_RE.sub("“”", text)
    return len(text) <= 200 and bool(BREADCRUMB_RE.match(text)) and word_count(text) <= 20


def is_menu_item(text: str) -> bool:
    """A short link-like line: a menu entry (`Poems`, `About Us`, `Speeches`)."""
    return (len(text) <= 30 and 1 <= word_count(text) <= 3 and not CLOSING_RE.search(text)
            and not ITEM_RE.match(text)
            and (text[:1].isupper() or text[:1].isdigit()) and not date_line(text))
