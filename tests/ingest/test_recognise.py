"""The line recognisers, each alone: what a line is, in English, French, Spanish and German."""
from __future__ import annotations

from datetime import date

import pytest

from edition.ingest.furniture import chrome_kind, chrome_reason, is_breadcrumb
from edition.ingest.recognise import (
    copyright_holder, date_line, dated_byline, dated_label, dateline_date, has_speaker_prefix, is_bare_name, is_byline,
    labelled_date,
    is_copyright, is_credit, is_epigraph, is_speaker_line, is_structural_heading, series_line,
)


@pytest.mark.parametrize("line, expected", [
    ("February 20, 2025", date(2025, 2, 20)),
    ("Feb. 3, 2025", date(2025, 2, 3)),
    ("Monday, February 3, 2025", date(2025, 2, 3)),
    ("Published: Tuesday, February 4, 2025", date(2025, 2, 4)),
    ("02/03/2025 11:02 PM EST", date(2025, 2, 3)),
    ("Mon, 20 Nov 2017 11:32:09 +0100", date(2017, 11, 20)),
    ("14 juillet 2017", date(2017, 7, 14)),
    ("Publié le 1er mars 2020", date(2020, 3, 1)),
    ("mis à jour le 20 janvier 2023 à 18h53", date(2023, 1, 20)),
    ("24 de abril de 2020", date(2020, 4, 24)),
    ("Lunes 28 de agosto de 2006", date(2006, 8, 28)),
    ("10 feb 2026 06:00", date(2026, 2, 10)),
    ("16.12.2020", date(2020, 12, 16)),
    ("7.11.2023", date(2023, 11, 7)),
    ("23. Mai 2017", date(2017, 5, 23)),
    ("Dienstag, 23. Mai 2017", date(2017, 5, 23)),
    ("veröffentlicht am 06.01.2015", date(2015, 1, 6)),
    ("Pressemitteilung vom 19.05.2017", date(2017, 5, 19)),
    ("Eingabedatum: 1997-02-28", date(1997, 2, 28)),
    ("11-11-2007", date(2007, 11, 11)),
    ("lunes, 25 de octubre de 2021 · 20:44", date(2021, 10, 25)),
    ("Día 28/03/2015 - 02.04h", date(2015, 3, 28)),
    ("15.1.08 00:09", date(2008, 1, 15)),
    # a meta row: a date at one end, short labels at the other
    ("April 13, 2006 @ 9:40 pm | Filed under:", date(2006, 4, 13)),
    ("Publié le 11 avril 2025 - Mis à jour le 11 avril 2025", date(2025, 4, 11)),
    ("Armin Laschet im Gespräch mit Stephan Detjen | 25.02.2018", date(2018, 2, 25)),
    # 03/10/2014 is month first in English, day first after the words of other languages
    ("Posted 03/10/2014", date(2014, 3, 10)), ("Le 03/10/2014", date(2014, 10, 3)),
    ("Publicado el 03/10/2014", date(2014, 10, 3)),
])
def test_date_lines_in_four_languages(line, expected):
    assert date_line(line)[0] == expected


def test_labelled_dates_datelines_and_dates_before_the_names():
    assert labelled_date("Publication Type: Announcement 07/05/2023") == date(2023, 7, 5)
    assert labelled_date("Datum: Do, 09.02.2017 Status: öffentlich") == date(2017, 2, 9)
    assert labelled_date("The visit was a success: 10,000 people came on 07/05/2023 and stayed.") is None
    assert dateline_date("DALLAS, July 25, 2017 /PRNewswire/ -- Kimberly-Clark Corporation today") == date(2017, 7, 25)
    assert dateline_date("PARIS, 12 mars 2024 – Le ministre a présenté") == date(2024, 3, 12)
    assert dateline_date("WASHINGTON, March 3 (Reuters) - The Senate voted") is None
    assert dated_byline("Publication PUBLIÉ LE 03/10/2014 PAR Solène Méric - Lise Gallitre -Romain Beteille") == (
        "Solène Méric - Lise Gallitre -Romain Beteille", date(2014, 10, 3))


@pytest.mark.parametrize("line", [
    "February 30, 2025", "On February 3, 2025, he flew south.", "Feb. 3", "13/13/2025", "2025",
    "Le 14 juillet 2017, le président a parlé.", "Am 23. Mai 2017 tagte der Senat in Wildenbruch.",
    "Brexit - the vote of 12 March 2019 was lost.", "12 March 2019 - the day the vote was lost in the House.",
])
def test_sentences_with_dates_are_not_date_lines(line):
    assert date_line(line) is None


def test_an_item_date_and_a_series_line():
    assert dated_label("February 17, 2005 Press Release") == date(2005, 2, 17)
    assert dated_label("Monday, 03 February 2020 01:45 Written by") == date(2020, 2, 3)
    assert series_line("Poem 217 ± January 7, 2016")
    assert not series_line("The visit of January 7, 2016 was the first of many, officials said on Monday.")
    assert not series_line("Aus der Gemeinderatssitzung vom 6. November 2014")      # a phrase with its date


@pytest.mark.parametrize("line", [
    "By Jane Doe", "By JANE DOE and John Roe", "Par Sophie Brunn", "Por María López", "Von: Heinz Seutter, Jens Zimmermann",
    "Marco Rubio, Secretary of State", "Ned Price, Department Spokesperson", "Olivier Véran, porte-parole du Gouvernement",
    "Prof. Dr. Harald H. Zimmermann, Saarbrücken",
])
def test_bylines(line):
    assert is_byline(line)


@pytest.mark.parametrize("line", ["By the authority vested in me as President", "Par ailleurs, le ministre a parlé.",
                                  "Von der Leyen said the talks would go on."])
def test_sentences_are_not_bylines(line):
    assert not is_byline(line)


def test_a_byline_with_its_date():
    assert dated_byline("Sophie Brunn, Clément Parrot le vendredi 14 juillet 2017") == (
        "Sophie Brunn, Clément Parrot", date(2017, 7, 14))


def test_names_alone():
    assert is_bare_name("Emily Dickinson") and is_bare_name("Edgar Allen Poe") and is_bare_name("W.W. Jacobs")
    assert not is_bare_name("ROMAIN DESARBRES") and not is_bare_name("The Raven") and not is_bare_name("Secretary of State")
    assert is_bare_name("Joseph von Eichendorff") and is_bare_name("Luis de Góngora")
    assert not is_bare_name("Ministerium der Justiz")
    assert not is_byline("Poet Spotlight: Christina Rossetti") and not is_byline("By the numbers: a year of fires")


@pytest.mark.parametrize("line", ["AP/Mark Schiefelbein", "(AP Photo/Jo Li)", "Photo: Jane Doe", "Foto: dpa",
                                  "© preveniryproteger.com", "Illustrated by von Dongen"])
def test_photo_credits(line):
    assert is_credit(line)


@pytest.mark.parametrize("notice, holder", [
    ("© 2025 The New York Sun Company, LLC. All rights reserved.", "The New York Sun"),
    ("© 2024 Le Monde. Tous droits réservés.", "Le Monde"),
    ("Légifrance 2025 — Tous droits réservés", "Légifrance"),
    ("© 2023 Süddeutsche Zeitung GmbH. Alle Rechte vorbehalten.", "Süddeutsche Zeitung"),
    ("© El País 2024. Todos los derechos reservados", "El País"),
])
def test_copyright_notices_and_their_holders(notice, holder):
    assert is_copyright(notice)
    assert copyright_holder(notice) == holder


@pytest.mark.parametrize("line", ["Copyright law was changed in 1998 to extend the terms.",
                                  "(c) In 2025, the Secretary shall report to the Congress.",
                                  "Les droits réservés aux auteurs ont été étendus en 1985 par la loi."])
def test_sentences_about_copyright_are_not_notices(line):
    assert not is_copyright(line)


@pytest.mark.parametrize("line, kind", [
    ("Skip to main content", "skip link"), ("Aller au contenu principal", "skip link"),
    ("Ir al contenido principal", "skip link"), ("Zum Inhalt springen", "skip link"),
    ("Back to top", "back-to-top link"), ("Retour en haut de page", "back-to-top link"),
    ("Volver arriba", "back-to-top link"), ("Nach oben", "back-to-top link"),
    ("Was this page helpful? Yes No", "feedback prompt"), ("Cette page vous a-t-elle été utile ?", "feedback prompt"),
    ("War diese Seite hilfreich?", "feedback prompt"),
    ("We use cookies to improve your experience on our site.", "cookie, newsletter or subscription prompt"),
    ("Ce site utilise des cookies pour améliorer votre expérience.", "cookie, newsletter or subscription prompt"),
    ("Este portal utiliza cookies propias y de terceros.", "cookie, newsletter or subscription prompt"),
    ("Diese Website verwendet Cookies.", "cookie, newsletter or subscription prompt"),
    ("Share", "share or print control"), ("Imprimer", "share or print control"), ("Teilen", "share or print control"),
    ("Share on Facebook Share on X", "share or print control"), ("x: abre ventana nueva", "share or print control"),
    ("Facebook | Twitter | Email | Print", "share or print control"), ("Accueil | Discours | En bref", "breadcrumb"),
    ("Menu", "menu or search control"), ("Buscar", "menu or search control"),
    ("Related articles", "related-articles heading"), ("Lire aussi", "related-articles heading"),
    ("Mehr zum Thema", "related-articles heading"),
    ("FOR IMMEDIATE RELEASE", "press-release marker"), ("###", "press-release marker"), ("* * * * *", "separator"), ("-30-", "press-release marker"),
    ("<iframe width=560 src=https://example.org>", "embedded code"), ("8 Min.", "counter or reading time"),
    ("![[Img #1]](https://example.org/a.jpg)", "image"), ("[Illustration: Noah's Sacrifice.]", "image"),
    ("Powered by Blogger", "site credit"),
    # share rows of any site: only the words of share and print buttons
    ("Copier le lien Partager sur FaceBook Partager sur Twitter Imprimer", "share or print control"),
    ("Facebook!  Partager sur Twitter", "share or print control"), ("• Compartilo en redes :", "share or print control"),
    ("Artikel teilen per E-Mail", "share or print control"),
    ("Temps de lecture : 11 minutes", "counter or reading time"), ("Tiempo de lectura: 4 min", "counter or reading time"),
    ("Lesezeit: 3 Minuten", "counter or reading time"), ("5 min read", "counter or reading time"),
    ("Accueil | Dossiers | Hollande", "breadcrumb"), ("InicioPolíticaEjecutivo presenta la...", "breadcrumb"),
    ("RELATED: Creek Fire: 212,744 acres burned", "link to another article"),
    ("Lire aussi : Le budget adopté", "link to another article"), ("Lesen Sie auch: Die Bilanz", "link to another article"),
    ("To access content, please login or purchase a subscription.", "paywall or sign-in prompt"),
    ("Esta funcionalidad es exclusiva para suscriptores.", "paywall or sign-in prompt"),
    ("Cet article est réservé aux abonnés.", "paywall or sign-in prompt"),
    ("Dieser Artikel ist nur für Abonnenten", "paywall or sign-in prompt"),
    ("Report a correction or typo", "feedback prompt"), ("Reporta un error en esta noticia", "feedback prompt"),
    ("Rate this poem:", "feedback prompt"), ("Add Poet Christina Rossetti to your favorites", "feedback prompt"),
    ("Popular Poets", "related-articles heading"), ("Related topics:", "related-articles heading"),
    ("Articles similaires", "related-articles heading"), ("Lo más leído", "related-articles heading"),
    ("Ähnliche Beiträge", "related-articles heading"),
    ("Tag Archives: County Commissioners", "archive or tag heading"), ("Catégorie : Politique", "archive or tag heading"),
    ("Archivo de la categoría: Poemas", "archive or tag heading"), ("Schlagwort: Haushalt", "archive or tag heading"),
    ("Episode Transcript", "section label"), ("Retranscription des premières minutes :", "section label"),
    ("Transcripción completa", "section label"), ("Wortprotokoll", "section label"),
    ("Gemeinde Waldburg (Druckversion)", "print-version nameplate"), ("Le Monde (version imprimable)", "print-version nameplate"),
    ("20.5 C", "weather"), ("Hoy 5 / 18 || Mañana 7 / 16 |", "weather"), ("Actualizado: 02:04", "date label with no date"),
    ("Allgemein Bevölkerungsschutz Bravo Gefahrenabwehr Illegale Waffen", "tags or categories"),
    ("2 comentarios:", "readers' comments"), ("bisher 1 Kommentar(e)     TrackBack-URL", "readers' comments"),
    ("4 Reponses | Comments Feed", "readers' comments"), ("No hay comentarios:", "readers' comments"),
    ("Aucun commentaire", "readers' comments"), ("Publicar un comentario", "comments link"),
    ("Leave a Reply", "comments link"), ("ResponderEliminar", "comment controls"),
    ("Continue reading", "link to the rest of the text"), ("Lire la suite", "link to the rest of the text"),
    ("Weiterlesen", "link to the rest of the text"), ("By", "byline label with no name"), ("Par :", "byline label with no name"),
])
def test_chrome_kinds_in_four_languages(line, kind):
    assert chrome_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Share the burden, the minister said, and the work gets done.", "Print media lost a third of its readers.",
    "Menus at the school were changed in March.", "The cookies were handed out at the meeting on Monday.",
    "Home is where the heart is, she wrote.", "Homeland security was the first topic.",
    "Rate this poem as you like, the teacher said to the class.", "Popular poets of the region met in Leipzig.",
    "Share prices fell on Monday in Paris and Frankfurt.", "Related to that, the council voted on Tuesday.",
    "Allgemein gilt: Die Bundespolizei kontrolliert an der Grenze.", "Kimberly-Clark Announces Second Quarter 2017 Results",
])
def test_sentences_that_start_like_chrome_are_not_chrome(line):
    assert chrome_kind(line) is None and chrome_reason(line) is None


def test_breadcrumbs():
    assert is_breadcrumb("Home > Speeches > Gettysburg Address")
    assert is_breadcrumb("Home | Speeches | Gettysburg Address")
    assert is_breadcrumb("Accueil › Discours publics › Interview de Mme Amélie de Montchalin")
    assert not is_breadcrumb("Prices rose > 5% in March, the bank said.")


@pytest.mark.parametrize("line", ["CHAPTER I.", "BOOK IV.", "Chapter 12: The Return", "Part 1 of the Treatise", "Article premier", "Article II",
                                  "Artículo 3", "Artikel 5", "§ 4 Geltungsbereich", "II", "PART 2"])
def test_structural_headings(line):
    assert is_structural_heading(line)


@pytest.mark.parametrize("line", ["Chapter and verse were quoted at length by the minister in the debate.", "I went home."])
def test_sentences_are_not_structural_headings(line):
    assert not is_structural_heading(line)


def test_speaker_labels():
    assert is_speaker_line("ROMAIN DESARBRES") and is_speaker_line("HEDI, TOUCHE PAR UN TIR DE LBD LORS DES EMEUTES A MARSEILLE")
    assert not is_speaker_line("Romain Desarbres")
    for line in ("MR PRICE: Hello.", "QUESTION: Happy Birthday.", "Q (Inaudible.)", "Pregunta.- Buenas tardes.",
                 "Sra. González Laya.- Bueno, ayer lunes"):
        assert has_speaker_prefix(line), line
    assert not has_speaker_prefix("The minister said: no.")


def test_a_closing_source_line_with_its_date():
    from edition.ingest.recognise import closing_date
    assert closing_date("PM der BPOLD München vom 10.12.2018") == date(2018, 12, 10)
    assert closing_date("Communiqué de la préfecture du 3 mars 2020") == date(2020, 3, 3)
    assert closing_date("10.12.2018") is None
    assert closing_date("The minister said it would be done by the end of the month of 3 March 2020") is None


@pytest.mark.parametrize("line, expected", [
    ("“In Italian, the word stanza means ‘room.’” – Doireann Ní Ghríofa, A Ghost in the Throat", True),
    ("«Le cœur a ses raisons que la raison ne connaît point.» — Pascal, Pensées", True),
    ('"Caminante, no hay camino, se hace camino al andar" - Antonio Machado', True),
    ("“A Ghost in the Throat” is a book about a poet", False),
    ("The minister said: “we will go on” – and left", False),
])
def test_an_epigraph_is_a_quotation_then_whose_words_they_are(line, expected):
    assert is_epigraph(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Gefährlicher PantherFreundlicher TigerMüder Panther", "link or image titles run together"),
    ("Nos coups de cœurLes plus lusDernières minutes", "link or image titles run together"),
    ("Watch it on YouTube", None),
    ("McDonald's opens in PowerPoint country.", None),
])
def test_titles_run_together_are_chrome(line, expected):
    assert chrome_kind(line) == expected


@pytest.mark.parametrize("line", ["ARTICLE 1 : Périodicité des séances", "ARTICLE 2 : Convocations.", "PREFACE",
                                  "Vorwort", "Prólogo"])
def test_more_structural_headings(line):
    assert is_structural_heading(line)


def test_a_time_before_the_date_and_a_source_credit():
    assert date_line("16:12 17.06.2010")[0] == date(2010, 6, 17)
    assert is_credit("Quelle: dpa (Archiv)")
