"""The head: the headline (not the first line), subtitle, byline, dates, publisher."""
from __future__ import annotations

from datetime import date

from edition.ingest.address import address_words, title_from_address

from .helpers import ingest_text, reasons, rendered_html, rendered_lines, warnings

POETRY_SITE = """Skip to main content
Poetry Foundation
Menu
Search
Poems
The Road Not Taken
By Robert Frost

Two roads diverged in a yellow wood,
And sorry I could not travel both
And be one traveler, long I stood
And looked down one as far as I could
To where it bent in the undergrowth;

Share
Facebook
Twitter
Email
More Poems by Robert Frost
"""

SPEECH_SITE = """Source: https://www.abrahamlincolnonline.org/lincoln/speeches/gettysburg.htm

Home | Speeches | Gettysburg Address

Gettysburg Address

Four score and seven years ago our fathers brought forth on this continent, a new nation, conceived in Liberty, and dedicated to the proposition that all men are created equal.

Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived and so dedicated, can long endure.

Share this page: Facebook | Twitter | Print

Back to top
"""

ARCHIVES = """National Archives
Skip to main content
Home > America's Founding Documents > Declaration of Independence: A Transcription
Declaration of Independence: A Transcription

When in the Course of human events, it becomes necessary for one people to dissolve the political bands which have connected them with another, and to assume among the powers of the earth, the separate and equal station to which the Laws of Nature and of Nature's God entitle them, a decent respect to the opinions of mankind requires that they should declare the causes which impel them to the separation.

Back to top
Was this page helpful? Yes No
The U.S. National Archives and Records Administration
1-86-NARA-NARA or 1-866-272-6272
"""


def test_the_title_is_the_headline_not_the_site_chrome_above_it():
    ing = ingest_text(POETRY_SITE)
    assert ing.meta["title"] == "The Road Not Taken" and ing.meta["byline"] == "Robert Frost"
    assert ing.slug == "the-road-not-taken"
    for chrome in ("Skip to main content", "Poetry Foundation", "Menu", "Search", "Poems", "Share", "Facebook",
                   "Twitter", "Email", "More Poems by Robert Frost"):
        assert chrome in reasons(ing), chrome
    assert rendered_lines(ing.body)[0] == "Two roads diverged in a yellow wood,"
    assert rendered_lines(ing.body)[-1] == "To where it bent in the undergrowth;"


def test_a_breadcrumb_and_a_heading_with_the_same_title():
    ing = ingest_text(SPEECH_SITE)
    assert ing.meta["title"] == "Gettysburg Address"
    assert reasons(ing)["Home | Speeches | Gettysburg Address"] == "breadcrumb"
    assert reasons(ing)["Share this page: Facebook | Twitter | Print"] == "share or print control"
    assert "Back to top" in reasons(ing)
    assert rendered_lines(ing.body)[0].startswith("Four score and seven years ago")
    assert "|" not in ing.body and ing.problems == []


def test_a_government_page_footer_and_feedback_prompt_go():
    ing = ingest_text(ARCHIVES)
    assert ing.meta["title"] == "Declaration of Independence: A Transcription"
    lines = rendered_lines(ing.body)
    assert len(lines) == 1 and lines[0].startswith("When in the Course of human events")
    for chrome in ("Back to top", "Was this page helpful? Yes No"):
        assert chrome in reasons(ing)


def test_no_title_line_gives_a_title_from_the_address_and_says_so():
    text = ("Source: https://example.org/news/2024/minister-visits-lyon-2/\n\nThe minister arrived in Lyon on Monday "
            "morning and met the mayor for talks that lasted most of the day, officials said.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Minister Visits Lyon"
    assert any("made from the address" in w and "Minister Visits Lyon" in w for w in warnings(ing))


def test_address_slugs():
    assert address_words("https://example.org/news/2024/minister-visits-lyon-2/") == ["minister", "visits", "lyon"]
    assert address_words("https://example.fr/emission/les-vraies-voix-606") == ["les", "vraies", "voix"]
    assert address_words("https://example.org/news/budget-plan-2024") == ["budget", "plan", "2024"]   # a year stays
    assert title_from_address("https://www.vie-publique.fr/discours/290541-olivier-veran-27072023-bfm-tv") == \
        "Olivier Veran Bfm Tv"          # the id and the date in digits are not words of the title
    assert title_from_address("https://elcomercio.es/aviles/gobierno-logra-aprobacion-20180419120734-nt.html") == \
        "Gobierno Logra Aprobacion"     # nor is a short code after the id
    assert title_from_address("https://example.org/") == ""


def test_the_address_slug_picks_the_headline_among_title_like_lines():
    text = ("Source: https://xornal21.com/art/50299/gas-radon-la-amenaza-oculta-en-el-aire\n\n"
            "¿Está su hogar en riesgo? La importancia de la prueba de gas radón\nGas radón: la amenaza oculta en el aire\n\n"
            "Galicia se encuentra en una zona geológica que favorece la acumulación de radón en casas y edificios.\n")
    assert ingest_text(text).meta["title"] == "Gas radón: la amenaza oculta en el aire"


def test_a_kicker_above_the_headline_is_passed_over():
    text = "Opinion\n\nStaatskanzlei\n\nLandesregierung morgen nur bedingt erreichbar\n\nveröffentlicht am 06.01.2015\n\n" \
           "Sehr geehrte Pressekolleginnen und -kollegen, die Landesregierung ist morgen nur bedingt erreichbar.\n"
    ing = ingest_text(text)
    assert ing.meta["title"] == "Landesregierung morgen nur bedingt erreichbar"
    assert ing.meta["date"] == date(2015, 1, 6)


def test_the_title_in_capitals_further_down_is_a_repeat():
    text = "The Head of The Family\n\nBy W.W. Jacobs\n\nTHE HEAD OF THE FAMILY\n\nMr. Letts had left his ship by " \
           "mutual arrangement, and the whole of the crew had mustered to see him off.\n"
    ing = ingest_text(text)
    assert reasons(ing)["THE HEAD OF THE FAMILY"].startswith("repeats the title")
    assert ing.meta["byline"] == "W.W. Jacobs"


def test_a_site_name_after_the_title_becomes_the_publisher():
    text = "As Republicans focus on voter fraud, a conservative Maine outlet enters the fray – The Boston Globe\n\n" \
           "The article prompted outrage among state and national Republicans, who called on Maine to investigate.\n"
    ing = ingest_text(text)
    assert ing.meta["title"] == "As Republicans focus on voter fraud, a conservative Maine outlet enters the fray"
    assert ing.meta["publisher"] == "The Boston Globe"


def test_french_spanish_and_german_bylines_and_dates():
    cases = [
        ("Un titre pour le test\n\nSophie Brunn, Clément Parrot le vendredi 14 juillet 2017\n\n", "Sophie Brunn, Clément Parrot", date(2017, 7, 14)),
        ("Un título para la prueba\n\nPor María López\n\n24 de abril de 2020\n\n", "María López", date(2020, 4, 24)),
        ("Ein Titel für den Test\n\nVon: Heinz Seutter, Jens Zimmermann\n\nDienstag, 23. Mai 2017\n\n",
         "Heinz Seutter, Jens Zimmermann", date(2017, 5, 23)),
    ]
    for head, byline, day in cases:
        ing = ingest_text(head + "The first paragraph of the text is a sentence that runs long enough to be prose.\n")
        assert (ing.meta["byline"], ing.meta["date"]) == (byline, day), head


def test_the_publisher_comes_from_the_copyright_line_or_else_the_address():
    body = "The first paragraph of the text is a sentence that runs long enough to be prose here.\n\n"
    assert ingest_text("Titre\n\n" + body + "Légifrance 2025 — Tous droits réservés\n").meta["publisher"] == "Légifrance"
    ing = ingest_text("Source: https://www.example.org/a/b\n\nA Title\n\n" + body)
    assert ing.meta["publisher"] == "example.org"


def test_a_bare_name_beside_a_poems_title_is_its_byline():
    text = "The Raven\nEdgar Allen Poe\n\n\nOnce upon a midnight dreary, while I pondered, weak and weary,\n" \
           "Over many a quaint and curious volume of forgotten lore,\nWhile I nodded, nearly napping, suddenly there came a tapping,\n" \
           "As of some one gently rapping, rapping at my chamber door.\n"
    ing = ingest_text(text)
    assert (ing.meta["title"], ing.meta["byline"]) == ("The Raven", "Edgar Allen Poe")


def test_lines_between_the_title_and_the_text_stay_and_are_noted():
    text = "A Title\n\nSomething Unusual Here\n\nThe first paragraph of the text is a sentence that runs long enough.\n"
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[0] == "Something Unusual Here"
    assert ing.kept[0][:2] == (3, "Something Unusual Here")
    assert any(w.startswith("kept “Something Unusual Here”: between the title and the text") for w in warnings(ing))


def test_three_one_word_section_links_over_the_text_are_a_menu():
    text = ("Source: https://example.es/aviles/gobierno-logra-aprobacion.html\n\nSecciones\nServicios\nDestacamos\n"
            "El gobierno municipal acaba de salvar la aprobación del presupuesto con los votos de la oposición.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Gobierno Logra Aprobacion"
    assert rendered_lines(ing.body)[0].startswith("El gobierno municipal acaba")
    assert reasons(ing)["Servicios"]


def test_a_breadcrumb_ending_on_the_cut_headline_does_not_end_the_head():
    text = ("Source: https://example.com.py/ejecutivo-presenta-la-voceria-del-gobierno/\n\njueves, mayo 2, 2024\n"
            "Asunción\nInicioPolíticaEjecutivo presenta la Vocería del Gobierno para una comunicación...\n\n"
            "Ejecutivo presenta la Vocería del Gobierno\n\nCategoría\n\nFecha\n\n"
            "En Mburuvicha Roga se presentó este miércoles de manera oficial la figura de la Vocería de Gobierno.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Ejecutivo presenta la Vocería del Gobierno"
    assert rendered_lines(ing.body) == [
        "En Mburuvicha Roga se presentó este miércoles de manera oficial la figura de la Vocería de Gobierno."]
    assert reasons(ing)["Categoría"] == "category label with no value"


def test_a_first_paragraph_opening_on_its_dateline_is_the_text_not_a_subtitle():
    text = ("Kimberly-Clark Announces Second Quarter 2017 Results\n\nDALLAS, July 25, 2017 /PRNewswire/ -- "
            "Kimberly-Clark Corporation today reported second quarter 2017 results.\n\n"
            "Kimberly-Clark Corporation logo. (PRNewsFoto/Kimberly-Clark Corporation)\n\n"
            "The second paragraph goes on with the results and ends properly, with a full stop at its end.\n")
    ing = ingest_text(text)
    assert ing.meta["subtitle"] == ""
    assert ing.meta["date"] == date(2017, 7, 25)
    assert rendered_lines(ing.body)[0].startswith("DALLAS, July 25, 2017 /PRNewswire/ --")


def test_the_first_item_of_a_list_is_not_the_title():
    text = ("Source: https://example.fr/emission/les-vraies-voix-sud-radio-606\n\nRetranscription des premières minutes :\n"
            "- Les Vraies Voix Sud Radio, 18h-20h, Cécile Dominibus, Philippe David.\n"
            "- Comment ça va Philippe David ? Ça va très bien Cécile et vous ?\n- On va en parler, bien entendu.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Les Vraies Voix Sud Radio"
    assert rendered_lines(ing.body)[0] == "Les Vraies Voix Sud Radio, 18h-20h, Cécile Dominibus, Philippe David."
    assert any("made from the address" in w for w in warnings(ing))


def test_a_label_before_the_title_printed_again_without_it_and_a_label_repeated_go():
    text = ("Auszug - Erlass einer Haushaltssatzung für das Jahr 2017\n\nTOP: Ö 4\nGremium: Rat der Samtgemeinde\n"
            "Datum: Do, 09.02.2017 Status: öffentlich\nSG/2017/006 Erlass einer Haushaltssatzung für das Jahr 2017\n\n"
            "Status:öffentlich\n\nDer Bürgermeister bringt den Haushalt 2017 mit folgendem Wortbeitrag in den Rat ein.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Erlass einer Haushaltssatzung für das Jahr 2017"
    assert ing.meta["date"] == date(2017, 2, 9)
    assert rendered_lines(ing.body) == ["Der Bürgermeister bringt den Haushalt 2017 mit folgendem Wortbeitrag in den Rat ein."]
    assert reasons(ing)["Status:öffentlich"] == "page metadata label"


def test_a_paper_named_by_a_folder_of_the_address_is_the_publisher():
    text = ("Source: http://www.example.com/usa/chattanooga-times-free-press/20200827/281621012719060\n\n"
            "Chattanooga Times Free Press\n\nEvacuations lifted near California fires, some return to their homes\n\n"
            "- BY OLGA R. RODRIGUEZ\n\nSAN FRANCISCO — Thousands of people in California returned home Wednesday as "
            "cooler weather helped firefighters.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Evacuations lifted near California fires, some return to their homes"
    assert ing.meta["publisher"] == "Chattanooga Times Free Press"
    assert ing.meta["byline"] == "OLGA R. RODRIGUEZ"


PROSE = "Aufgrund der Entwicklungen in den letzten Tagen hat der Bürgermeister festgestellt, dass keine Sitzungen stattfinden."


def test_skip_link_targets_above_the_title_go():
    ing = ingest_text("Sprungziele\nInhalt\n16.03.2020\n\nAbsage von Sitzungen\n\n" + PROSE + "\n")
    assert ing.meta["title"] == "Absage von Sitzungen"
    assert ing.meta["date"] == date(2020, 3, 16)
    assert reasons(ing)["Inhalt"] == "skip-link target"


def test_a_quote_on_the_line_under_the_title_is_its_subtitle():
    ing = ingest_text("Einwohnerversammlung in der Schurwaldhalle\n„Nur gemeinsam können wir noch besser werden“\n"
                      + PROSE + " " + PROSE + "\n")
    assert ing.meta["title"] == "Einwohnerversammlung in der Schurwaldhalle"
    assert ing.meta["subtitle"] == "„Nur gemeinsam können wir noch besser werden“"


def test_a_question_under_a_kicker_is_the_headline_and_french_quotes_are_no_breadcrumb():
    ing = ingest_text("Élections\nÉlections municipales : quels chiffres de population prendre en compte ?\n\n" + PROSE + "\n")
    assert ing.meta["title"] == "Élections municipales : quels chiffres de population prendre en compte ?"
    ing = ingest_text("04/03/2015\n\nBois d'Arcy magazine n°3\n\nBois d’Arcy Le Magazine n°3 : un « modèle » à ne pas "
                      "suivre\n\n" + PROSE + "\n")
    assert ing.meta["title"] == "Bois d’Arcy Le Magazine n°3 : un « modèle » à ne pas suivre"


def test_a_long_official_title_under_labels_in_capitals():
    title = ("Acuerdo del Pleno del Ayuntamiento de Manacor de aprobación definitiva del Reglamento Regulador de la "
             "Gerencia de Urbanismo de Manacor")
    ing = ingest_text("Torna\n\nBOLETÍN OFICIAL DE LAS ISLAS BALEARES\n\nAYUNTAMIENTO DE MANACOR\n\nNúm. 330135\n" + title +
                      "\n\nEl Pleno del Ayuntamiento en sesión de 8 de abril de 2024 acordó aprobar definitivamente el "
                      "Reglamento.\n")
    assert ing.meta["title"] == title
    assert reasons(ing)["Torna"] == "back link"


def test_a_numeric_date_on_a_french_page_is_day_first():
    text = ("04/03/2015\n\nBois d’Arcy Le Magazine n°3\n\n10 minutes montre en main : c’est le temps qu’il faut pour lire "
            "ce nouveau magazine ! Cette fois encore on essaye de faire oublier qu’il n’y a pas matière à remplir "
            "20 pages chaque mois, et la mairie le sait.\n")
    assert ingest_text(text).meta["date"] == date(2015, 3, 4)
    assert ingest_text("04/03/2015\n\nThe Magazine\n\nIt takes ten minutes to read the magazine, and the mayor knows "
                       "that it is the same in the town as it was in the old days.\n").meta["date"] == date(2015, 4, 3)


def test_the_line_closing_the_title_s_block_is_its_standfirst():
    text = ("Élections\nÉlections municipales : quels chiffres de population prendre en compte ?\nC'est un problème "
            "récurrent : l'effectif du conseil municipal dépend du nombre d'habitants. Explications.\n\n"
            "En matière électorale, connaître le nombre d’habitants actualisé de la commune est fondamental, puisque "
            "de ce chiffre dépendent de nombreux éléments.\n")
    ing = ingest_text(text)
    assert ing.meta["subtitle"].startswith("C'est un problème récurrent")
    assert rendered_lines(ing.body)[0].startswith("En matière électorale")


def test_a_map_widget_label_under_the_title_goes():
    ing = ingest_text("Ein Titel für den Test\n\nKarte für diesen Artikel\n\n" + PROSE + "\n")
    assert reasons(ing)["Karte für diesen Artikel"] == "map widget"


PROSE = ("Queridos vecinos, desde el Equipo de Gobierno informamos a los vecinos de que las parcelas propiedad del "
         "Ayuntamiento están desbrozadas, como refleja el documento gráfico que se acompaña.")


def test_a_place_and_a_headline_after_a_bar_that_the_address_spells_is_the_title():
    ing = ingest_text("Source: https://example.es/tribuna/item/14133-becerril-de-la-sierra-desbroce-de-parcelas\n\n"
                      "Becerril de la Sierra | Desbroce de parcelas\n\n- Información del equipo de Gobierno:\n"
                      f"{PROSE}\n")
    assert ing.meta["title"] == "Becerril de la Sierra | Desbroce de parcelas"
    assert reasons(ing)["- Información del equipo de Gobierno:"].startswith("a label under the title")
    assert rendered_lines(ing.body) == [PROSE]


def test_a_nameplate_with_its_tagline_and_a_section_path_before_the_title():
    ing = ingest_text("Source: https://www.haz.de/Politik/Niebel-Schwarz-Gelb-erhaelt-Verlaengerung\n\nMenü\n"
                      "Hannoversche Allgemeine | Ihre Zeitung aus Hannover\n"
                      'Deutschland / Welt Niebel: "Schwarz-Gelb" erhält Verlängerung nach 2013\n'
                      'Nachrichten Politik Deutschland / Welt Niebel: "Schwarz-Gelb" erhält Verlängerung nach 2013\n'
                      f"16:12 17.06.2010\n\nFrage: Herr Niebel, wie geht es weiter? {PROSE}\n")
    assert ing.meta["title"] == 'Niebel: "Schwarz-Gelb" erhält Verlängerung nach 2013'
    assert ing.meta["publisher"] == "Hannoversche Allgemeine" and ing.meta["date"] == date(2010, 6, 17)
    assert reasons(ing)['Nachrichten Politik Deutschland / Welt Niebel: "Schwarz-Gelb" erhält Verlängerung nach 2013'] \
        == "breadcrumb ending on the title"


POEM = "\n".join(["Volverán las oscuras golondrinas", "de tu balcón sus nidos a colgar", "y otra vez con el ala a sus "
                  "cristales", "jugando llamarán.", "", "Pero aquéllas que el vuelo refrenaban", "tu hermosura y mi "
                  "dicha a contemplar,", "aquellas que aprendieron nuestros nombres...", "ésas... ¡no volverán!"])


def test_the_poets_name_in_the_pages_title_above_the_poems_title():
    ing = ingest_text("Source: https://example.com/becquer/rima-53-volveran-oscuras-golondrinas\n\n"
                      "Rima 53. Volverán las oscuras golondrinas, de Gustavo Adolfo Bécquer | Poema\n\nPoema en español\n\n"
                      f"Rima 53. Volverán las oscuras golondrinas\n\n{POEM}\n")
    assert ing.meta["title"] == "Rima 53. Volverán las oscuras golondrinas"
    assert ing.meta["byline"] == "Gustavo Adolfo Bécquer"


def test_a_poems_title_in_quotes_loses_them():
    one_per_block = "\n\n".join(line for line in POEM.split("\n") if line)
    ing = ingest_text(f'Donnerstag, 5. Dezember 2013\n\n"Mondnacht"\n\n\n\n{one_per_block}\n')
    assert ing.meta["title"] == "Mondnacht" and ing.meta["date"] == date(2013, 12, 5)
    assert rendered_lines(ing.body)[0] == "Volverán las oscuras golondrinas"


def test_an_old_gutenberg_header_goes_with_its_complete_and_the_real_name():
    text = ("The Project Gutenberg EBook Connecticut Yankee, by Twain, Complete #4 in our series\n"
            "by Mark Twain (Samuel Clemens)\nCopyright laws are changing all over the world.\n"
            "Title: A Connecticut Yankee in King Arthur's Court, Complete\nAuthor: Mark Twain (Samuel Clemens)\n\n"
            "*** START OF THE PROJECT GUTENBERG EBOOK CONNECTICUT YANKEE\n***\n\n"
            "This eBook was produced by David Widger\n\nA CONNECTICUT YANKEE IN KING ARTHUR'S COURT\nby\n"
            "MARK TWAIN (Samuel L. Clemens)\n\nPREFACE\n\nThe ungentle laws and customs touched upon in this tale are "
            "historical, and the episodes which are used to illustrate them are also historical.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "A Connecticut Yankee in King Arthur's Court" and ing.meta["byline"] == "Mark Twain"
    assert rendered_lines(ing.body)[0] == "PREFACE" and "<h2>PREFACE</h2>" in rendered_html(ing.body)
    assert "This eBook was produced by David Widger" in reasons(ing)


def test_highlights_under_labels_in_capitals_the_first_is_the_subtitle():
    text = ("El Ayuntamiento antepone las bandas al derecho al descanso\n\nRUIDOS\n\nDecreta excepciones a la "
            "Ordenanza contra el Ruido para las bandas\n\nCONFLICTO\n\nEl delegado sostiene que debe primar el interés "
            f"general\n\n{PROSE}\n")
    ing = ingest_text(text)
    assert ing.meta["subtitle"] == "Decreta excepciones a la Ordenanza contra el Ruido para las bandas"
    assert reasons(ing)["El delegado sostiene que debe primar el interés general"].startswith("a highlight")
    assert rendered_lines(ing.body) == [PROSE]


def test_a_date_a_title_and_a_notice_of_twenty_words_with_no_full_stop():
    notice = ("Le Maire informe ses administrés que le Conseil Municipal se réunira à la Mairie, en séance publique, "
              "le Jeudi 22 octobre 2020, à 20 heures 30")
    ing = ingest_text(f"lundi 12 octobre 2020\n\nRéunion de Conseil\n\n{notice}\n\nLe Maire,\nA.BEAUFILS\n")
    assert ing.meta["title"] == "Réunion de Conseil" and str(ing.meta["date"]) == "2020-10-12"


def test_a_blog_post_quoting_an_article_keeps_its_own_title_and_leaves_the_articles_head_out():
    speech = ("Good evening! Thank you all for coming to City Hall for tonight’s State of the City address. One year "
              "ago, I stood before you and delivered my inaugural address as the new legislative leader of Cambridge.")
    ing = ingest_text("Source: http://example.blogspot.com/2009/03/mayor-denise-simmons-delivers-state-of.html\n\n"
                      "March 26, 2009\n\nState of the City (Cambridge MA) Address 2009\n\n"
                      "Mayor Denise Simmons' delivers state of the city address\nThu Mar 26, 2009, 12:55 PM EDT\n"
                      "Cambridge Chronicle\n\n\n- The full text of Mayor Denise Simmons' state of the city address, "
                      f"delivered Wednesday night:\n\n{speech}\n")
    assert ing.meta["title"] == "State of the City (Cambridge MA) Address 2009"
    assert reasons(ing)["Cambridge Chronicle"].startswith("the paper the text was first printed in")
    assert rendered_lines(ing.body) == ["The full text of Mayor Denise Simmons' state of the city address, delivered "
                                        "Wednesday night:", speech]
