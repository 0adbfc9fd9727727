"""Chrome out and reported; look-alikes kept and noted; a listing page keeps its first item."""
from __future__ import annotations

from .helpers import ingest_text, reasons, rendered_lines, warnings

BODY = ("The first paragraph of the article is a sentence that runs long enough to be prose, as articles do.\n\n"
        "The second paragraph goes on with the story and ends it properly, with a full stop at its end.\n\n")


def test_chrome_in_the_middle_of_the_text_goes_in_four_languages():
    text = ("A Title For The Test\n\n" + BODY + "Share on Facebook Share on X\n\nWe use cookies to improve your "
            "experience.\n\nRetour en haut\n\nWar diese Seite hilfreich?\n\nThe third paragraph is the end of the "
            "article and it is long enough to be prose, with its full stop.\n")
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[-1].startswith("The third paragraph")
    assert len(rendered_lines(ing.body)) == 3
    assert set(reasons(ing)) == {"Share on Facebook Share on X", "We use cookies to improve your experience.",
                                 "Retour en haut", "War diese Seite hilfreich?"}


def test_a_footer_of_links_a_menu_and_a_related_list_goes():
    text = ("A Title For The Test\n\n" + BODY + "Related articles\n\n- Ministers meet in Lyon to talk about trains\n"
            "- The budget passes after a long night\n\nAbout Us\nContact\nCareers\nPrivacy Policy\n\n"
            "© 2025 Example Media. All rights reserved.\n")
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[-1].startswith("The second paragraph")
    assert reasons(ing)["Related articles"] == "related-articles list"
    assert reasons(ing)["- The budget passes after a long night"] == "related-articles list"
    assert ing.meta["copyright"] == "© 2025 Example Media. All rights reserved."
    assert ing.meta["publisher"] == "Example Media"


def test_a_press_release_contact_block_at_the_end_goes():
    text = ("A Title For The Test\n\n" + BODY + "Media Contact:\nJane Doe\n+1 202 555 0100\npress@example.org\n\n###\n")
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[-1].startswith("The second paragraph")
    assert reasons(ing)["press@example.org"] == "press-release contact block"
    assert reasons(ing)["###"] == "press-release marker"


def test_contact_lines_that_are_the_text_stay():
    text = ("Landesregierung morgen nur bedingt erreichbar\n\nSehr geehrte Pressekolleginnen und -kollegen, die "
            "Ministerien sind morgen nur bedingt erreichbar. Sie erreichen die Pressestellen unter:\n\n"
            "Staatskanzlei:\n\nPresseamt Tel.: 0170-2206550\n\nMail: presseamt@stk.brandenburg.de\n\nWir weisen "
            "nochmals darauf hin, dass das Pressefrühstück nun in Berlin in der Landesvertretung stattfindet.\n")
    ing = ingest_text(text)
    assert "Presseamt Tel.: 0170-2206550" in rendered_lines(ing.body)
    assert ing.dropped == []


def test_a_run_of_menu_lines_inside_the_text_stays_and_is_noted():
    text = "A Title For The Test\n\n" + BODY + "Poems\nPoets\nTopics\nEvents\n\n" + BODY
    ing = ingest_text(text)
    assert "Poems" in rendered_lines(ing.body)[2]
    assert any(w.startswith("kept “Poems”: 4 short lines in a row, like a menu") for w in warnings(ing))


def test_a_listing_page_keeps_its_first_item_and_says_so():
    text = ("Press Releases\n\nFebruary 17, 2005 Press Release\n\nThe congressman introduced legislation yesterday that "
            "would allow citizens to seek remedies from the government of the day.\n\nFebruary 9, 2005 Press Release\n\n"
            "A second statement that belongs to another day and is long enough to be a paragraph.\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Press Releases"
    assert len(rendered_lines(ing.body)) == 1 and rendered_lines(ing.body)[0].startswith("The congressman")
    assert reasons(ing)["A second statement that belongs to another day and is long enough to be a paragraph."] == \
        "a further item of a listing page"
    assert any(w.startswith("this page lists 2 items; ingest took the first") for w in warnings(ing))


def test_a_lone_bullet_like_a_headline_link_is_noted():
    text = "A Title For The Test\n\n" + BODY + "  • Meghan’s claim wedding gave £1bn tourism boost challenged by experts\n\n" + BODY
    ing = ingest_text(text)
    assert any("a lone bullet that reads like a link to another article" in w for w in warnings(ing))


def test_an_empty_label_of_two_words_at_the_end_goes():
    text = "A Title For The Test\n\n" + BODY + "Poem topics: , , , , ,\n"
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[-1].startswith("The second paragraph")
    assert reasons(ing)["Poem topics: , , , , ,"].startswith("a label with nothing after it")


TEASER = ("Es sind die Regionen und Kommunen, in denen sich entscheidet, ob Menschen das Gefühl haben, dass die "
          "Demokratie funktioniert, so wie in Sachsen […]")


def test_a_listing_of_titles_over_teasers_cut_short_keeps_its_first_item():
    text = ("Kommunalfinanzen\n\nEingestürzte Brücke.\n·Politik·Sachsen\n\nSachsen bröckelt: Linke veröffentlicht ein "
            "Papier\n\n" + TEASER + "\n\nSteffen Wehmann im Stadtrat.\n·Politik·Leipzig\n\nDer Stadtrat tagte: Die "
            "verquere Weltsicht\n\n" + TEASER.replace("Sachsen", "Leipzig") + "\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Sachsen bröckelt: Linke veröffentlicht ein Papier"
    assert rendered_lines(ing.body) == [TEASER]
    assert reasons(ing)["·Politik·Leipzig"] == "a further item of a listing page"
    assert any(w.startswith("this page lists 2 items; ingest took the first") for w in warnings(ing))


def test_a_listing_of_items_under_rows_of_tags_keeps_its_first_item():
    text = ("Allgemein Bevölkerungsschutz Bravo Illegale Waffen\n\nSchwarzbach (Bayern): Mit verbotener Waffe über "
            "die Grenze\n\nSymbolfoto\n\nAm Samstag haben Bundespolizisten bei den Grenzkontrollen eine Waffe "
            "sichergestellt.\n\nPM der BPOLD München vom 10.12.2018\n\nAllgemein Bevölkerungsschutz Bravo Prävention"
            "\n\nFreiburg / Basel: Kampagne gegen international agierende Taschendiebstahlsbanden\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Schwarzbach (Bayern): Mit verbotener Waffe über die Grenze"
    assert rendered_lines(ing.body)[-1] == "PM der BPOLD München vom 10.12.2018"
    assert ing.meta["date"].isoformat() == "2018-12-10"          # the source line's date, the head having none
    assert reasons(ing)["Symbolfoto"] == "image label"


def test_a_cookie_notice_after_a_clause_and_a_closed_comments_line_go():
    text = ("A Title For The Test\n\n" + BODY + "Damit wir Ihnen ein optimales Besucher-Erlebnis bieten können, "
            "verwendet diese Seite Cookies.\n\nKommentare sind geschlossen.\n")
    ing = ingest_text(text)
    assert rendered_lines(ing.body)[-1].startswith("The second paragraph")
    assert reasons(ing)["Kommentare sind geschlossen."]


def test_download_buttons_image_paths_taglines_and_paywall_lines_go():
    text = ("A Title For The Test\n/2023/07/05/64a55fd777de4_placeholder-36b69ec8.png)\nDe Wikisource, la biblioteca libre.\n"
            "Pour sauvegarder cet article, connectez-vous ou créez un compte monfranceinfo\nSans paiement. Sans abonnement.\n\n"
            + BODY + "  • Contenido, oficial y auténtico, de la disposición: Documento pdf  Versión PDF\n\n" + BODY)
    ing = ingest_text(text)
    assert len(rendered_lines(ing.body)) == 4
    assert reasons(ing)["De Wikisource, la biblioteca libre."] == "site tagline"
    assert reasons(ing)["• Contenido, oficial y auténtico, de la disposición: Documento pdf Versión PDF"] == "download link"


def test_a_list_of_numbered_issues_at_the_end_is_links_not_verse():
    issues = "".join(f"{year} Issue # {n}\n\n" for year in (2014, 2015, 2016) for n in (1, 2, 3))
    ing = ingest_text("A Title For The Test\n\n" + BODY + issues)
    assert rendered_lines(ing.body)[-1].startswith("The second paragraph")
    assert "form" not in ing.meta or ing.meta["form"] != "verse"
    assert reasons(ing)["2016 Issue # 3"] == "list of links to other pages"


def test_a_day_of_news_releases_keeps_its_first_item_and_the_day():
    text = ("News Releases for Tuesday, August 23, 2022\n\n8 a.m.\n\nCouncil Votes In Favor of Ordinance Siting City "
            "Facilities\n\n8:11 a.m. - Council voted 5-2 on Emergency Ordinance C96239.\n\nWoodward Identifies "
            "Inconsistencies of Ordinance\n\n8:08 a.m. - Council actions at odds with stated desires\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Council Votes In Favor of Ordinance Siting City Facilities"
    assert rendered_lines(ing.body) == ["8:11 a.m. - Council voted 5-2 on Emergency Ordinance C96239."]
    assert ing.meta["date"].isoformat() == "2022-08-23"


def test_a_listing_dated_on_three_lines_keeps_its_first_item_whole():
    para = ("L’Association des Petites Villes de France organise le 11 décembre 2025 les Rencontres territoriales "
            "des maires des petites villes, en partenariat avec La Banque Postale.")
    text = ("11\ndécembre\n2025\nRencontre Territoriale des Maires\n\nRencontre Territoriale des Maires\n\n"
            "Finances et fiscalité locales\n\n" + para[:80] + " …\n\n" + para + "\n\nTélécharger le programme\n\n"
            "Inscription à l'événement (attention places limitées)\n\n27\nnovembre\n2025\n3 questions à Yann Doyen\n\n"
            "3 questions à Yann Doyen\n\nFinances et fiscalité locales\n\n" + para + "\n")
    ing = ingest_text(text)
    assert ing.meta["title"] == "Rencontre Territoriale des Maires"
    assert ing.meta["date"].isoformat() == "2025-12-11"
    assert rendered_lines(ing.body)[-1] == para                  # the whole text kept, not only its teaser
    assert reasons(ing)["Télécharger le programme"] == "download or sign-up button"


def test_the_sites_advert_for_itself_goes_with_its_heading():
    text = ("Source: https://www.rev.com/blog/transcripts/floor-remarks\n\nSenate Floor Remarks Transcript\n\n"
            "Senators spoke on the Senate floor on September 10 about the proposed relief bill. Read the transcript "
            "of their remarks.\n\nTranscribe Your Own Content\n\nTry Rev and save time transcribing, captioning, "
            "and subtitling.\n\nSenator Mitch McConnell: (00:00)\nNow Madam President, on an entirely different "
            "matter, Congress has spent months talking about relief.\n")
    ing = ingest_text(text)
    assert reasons(ing)["Try Rev and save time transcribing, captioning, and subtitling."] == \
        "the site's advert for itself"
    assert reasons(ing)["Transcribe Your Own Content"] == "the site's advert for itself (its heading)"
    ing = ingest_text(text.replace("rev.com", "example.org"))       # another site's name: text
    assert "Try Rev and save time transcribing, captioning, and subtitling." in rendered_lines(ing.body)


POEM = ("Frühling\n\nVom Eise befreit sind Strom und Bäche\n\nDurch des Frühlings belebenden Blick\n\n"
        "Der alte Winter in seiner Schwäche\n\nZog sich in rauhe Berge zurück.\n\nVon dort sendet er fliehend nur\n\n"
        "Letzte Schauer körnigen Eises\n\nUnd alles regt sich, will blühen und leben.\n\n")


def test_a_surname_under_the_poem_is_its_byline():
    ing = ingest_text(POEM + "Goethe\n")
    assert ing.meta["byline"] == "Goethe"
    assert rendered_lines(ing.body)[-1] == "Und alles regt sich, will blühen und leben."
    ing = ingest_text(POEM.replace("Blick", "Blick, Goethe") + "Goethe\n")     # a word of the poem: its line
    assert ing.meta["byline"] == "" and rendered_lines(ing.body)[-1] == "Goethe"


def test_a_readers_praise_after_the_poem_and_its_signature_goes():
    ing = ingest_text(POEM + "Felix Dahn\nEin wunderschönes Gedicht zu Deinen noch wundervolleren Bildern!\n")
    assert ing.meta["byline"] == "Felix Dahn"
    assert reasons(ing)["Ein wunderschönes Gedicht zu Deinen noch wundervolleren Bildern!"] == \
        "a reader's comment on the poem"
    ing = ingest_text(POEM + "Felix Dahn\n\nThe poet wrote it in the spring of 1870, at Königsberg, for his wife.\n")
    assert rendered_lines(ing.body)[-1].startswith("The poet wrote it")


def test_image_titles_run_together_at_the_end_go():
    ing = ingest_text(POEM + "Na ganz so ist´s nicht – dem Stubentiger geht´s deutlich besser…\n"
                             "Gefährlicher PantherFreundlicher TigerMüder Panther\n")
    assert reasons(ing)["Gefährlicher PantherFreundlicher TigerMüder Panther"] == "link or image titles run together"
    assert rendered_lines(ing.body)[-1].endswith("deutlich besser…")


def test_a_page_of_several_poems_keeps_the_first_and_warns():
    poem = "\n".join(["Es war, als hätt' der Himmel", "die Erde still geküßt,", "daß sie im Blütenschimmer",
                      "von ihm nun träumen müßt."])
    other = "\n".join(["Es schienen so golden die Sterne,", "am Fenster ich einsam stand", "und hörte aus weiter Ferne",
                       "ein Posthorn im stillen Land."])
    ing = ingest_text(f"von Joseph von Eichendorff (1788 - 1857)\n\nMondnacht\n\n{poem}\n\n\nSehnsucht\n\n{other}\n")
    assert ing.meta["title"] == "Mondnacht" and ing.meta["byline"] == "Joseph von Eichendorff"
    assert rendered_lines(ing.body)[-1] == "von ihm nun träumen müßt."
    assert reasons(ing)["Sehnsucht"] == "a further item of a listing page"
    assert any("this page lists 2 items" in w for w in warnings(ing))


def test_a_search_page_keeps_its_first_item_and_its_date():
    teaser = ("05.04.2025 Am Samstagvormittag wurde die Leitstelle der Feuerwehr gegen 11 Uhr von vielen Anrufern "
              "über einen Brand an der Poststraße informiert.")
    ing = ingest_text("1808 Ergebnisse gefunden:\n\nSortiert nach Relevanz Nach Datum sortieren\n\n"
                      f"Alte Eisenbahnschwellen brannten - Feuerwehr wird Tablet geklaut\n\nFeuer in der Nähe des Bahnhofs"
                      f"\n\n{teaser}\n\n"
                      "Gefahrstoffaustritt am Güterbahnhof\n\n"
                      "05.05.2025 Die Feuerwehr schickte um 13:50 Uhr eine Pressemitteilung zum Einsatz an alle.\n")
    assert ing.meta["title"] == "Alte Eisenbahnschwellen brannten - Feuerwehr wird Tablet geklaut"
    assert str(ing.meta["date"]) == "2025-04-05"
    assert rendered_lines(ing.body) == [teaser.removeprefix("05.04.2025 ")]
    assert reasons(ing)["1808 Ergebnisse gefunden:"].startswith("a listing page's header")


def test_the_comments_and_the_print_button_under_a_poem_go_and_its_signature_is_the_byline():
    poem = "\n".join(["Demain, dès l’aube, à l’heure où blanchit la campagne,", "Je partirai. Vois-tu, je sais que tu "
                      "m’attends.", "J’irai par la forêt, j’irai par la montagne.", "Je ne puis demeurer loin de toi "
                      "plus longtemps.", "", "Je marcherai les yeux fixés sur mes pensées,", "Sans rien voir au dehors, "
                      "sans entendre aucun bruit,", "Seul, inconnu, le dos courbé, les mains croisées,", "Triste, et le "
                      "jour pour moi sera comme la nuit."])
    ing = ingest_text(f"Demain, dès l’aube…\n\nVictor Hugo\nEdouard Dubufe, Léopoldine Hugo à dix-huit ans, 1843\n"
                      f"Edouard Dubufe, Léopoldine Hugo à dix-huit ans, 1843\n\n{poem}\n\n"
                      "Victor Hugo, extrait du recueil «Les Contemplations» (1856)\n\nImprimer ce poème\n\n"
                      "434 commentaires sur “Demain, dès l’aube…”\n\nPour toujours mon poème préféré.\n")
    assert ing.meta["title"] == "Demain, dès l’aube…" and ing.meta["byline"] == "Victor Hugo"
    assert ing.meta["photo_caption"] == "Edouard Dubufe, Léopoldine Hugo à dix-huit ans, 1843"
    assert rendered_lines(ing.body)[-1] == "Triste, et le jour pour moi sera comme la nuit."
    assert reasons(ing)["Imprimer ce poème"] == "share or print control"
