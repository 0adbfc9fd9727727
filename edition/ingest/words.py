"""The vocabulary the line recognisers know, per language (English, French, Spanish, German).

Only tables live here: month and weekday names, job titles, the words of site chrome. The
patterns that use them are in recognise.py. Add a language by adding its words to each table.
"""
from __future__ import annotations

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7,
    "déc": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "ene": 1, "abr": 4, "ago": 8, "dic": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "mär": 3, "mrz": 3, "okt": 10, "dez": 12,
}

WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so"
).split()

# Words before a date on a dateline: "Published: ...", "Publié le ...", "veröffentlicht am ...".
DATE_PREFIXES = (
    "published", "posted", "dated", "date", "released", "issued", "updated", "last updated",
    "first published", "publié le", "publié", "mis à jour le", "mise à jour", "le", "daté du",
    "publicado el", "publicado", "actualizado el", "actualizado", "fecha", "el",
    "veröffentlicht am", "veröffentlicht", "aktualisiert am", "aktualisiert", "stand", "erstellt",
    "eingabedatum", "datum", "pressemitteilung vom", "pressemitteilung nr\\. \\d+ vom", "vom", "am",
    "presse vom", "meldung vom", "artikel vom", "beitrag vom", "nota del", "noticia del",
    "communiqué du", "nota de prensa del", "édition du", "edición del", "ausgabe vom", "edition of", "release date", "posting date", "prononcé le",
    "día", "dia", "publication", "date de publication", "fecha de publicación", "publicación", "posted on",
    "published on", "updated on", "publié le", "erschienen am", "erschienen", "stand vom",
)

# The English words among them: a 03/10/2014 after them is month first (after the others, day first).
ENGLISH_DATE_WORDS = {
    "published", "posted", "dated", "date", "released", "issued", "updated", "last updated", "first published",
    "release date", "posting date", "posted on", "published on", "updated on", "publication",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun",
}

# A date after one of these is part of a phrase ("the meeting of 6 November 2014"), not a series line.
DATE_PREPOSITIONS = {"of", "on", "from", "since", "until", "du", "de", "del", "des", "depuis", "vom", "von", "am",
                     "seit", "bis", "zum", "ab", "desde", "hasta"}

# Words that introduce a byline: "By Jane Doe", "Par ...", "Por ...", "Von ...".
BYLINE_WORDS = ("by", "par", "por", "von", "de", "texte", "text", "texto", "autor", "author",
                "auteur", "written by", "reporting by", "poet", "poète", "poeta", "dichter", "dichterin")

# A job title after a name makes "Name, Title" a byline: "Marco Rubio, Secretary of State".
ROLES = {
    "secretary", "minister", "president", "vice", "director", "ambassador", "spokesperson",
    "spokesman", "spokeswoman", "correspondent", "reporter", "editor", "writer", "chief",
    "officer", "senator", "governor", "representative", "chair", "chairman", "chairwoman",
    "commissioner", "administrator", "attorney", "counsel", "adviser", "advisor", "deputy",
    "undersecretary", "assistant", "mayor", "founder", "professor", "analyst", "contributor",
    "columnist", "envoy", "consul", "general", "staff",
    "ministre", "président", "présidente", "porte-parole", "directeur", "directrice",
    "journaliste", "correspondant", "correspondante", "rédacteur", "rédactrice", "secrétaire",
    "ministro", "ministra", "presidente", "portavoz", "director", "directora", "periodista",
    "corresponsal", "redactor", "redactora", "secretario", "secretaria",
    "minister", "ministerin", "präsident", "präsidentin", "sprecher", "sprecherin", "redakteur",
    "redakteurin", "korrespondent", "korrespondentin", "staatssekretär", "bundesminister",
}
NAME_PARTICLES = {"von", "van", "de", "da", "del", "della", "di", "du", "la", "le", "zu", "ten", "ter", "dos", "bin",
                  "ibn"}    # inside a person's name: Joseph von Eichendorff (not "der": Ministerium der Justiz)
NAME_CONNECTIVES = {"and", "of", "the", "for", "de", "da", "del", "la", "le", "di", "van", "von",
                    "at", "in", "on", "et", "y", "und", "du", "des", "zu", "der", "los", "las", "dos"}

# Small words a slug or a title from an address must not end on, and that stay lower case inside
# a title made from an address.
SMALL_WORDS = {
    "a", "an", "and", "or", "of", "the", "to", "in", "on", "at", "by", "for", "with", "from", "as",
    "et", "ou", "de", "du", "des", "la", "le", "les", "l", "d", "un", "une", "au", "aux", "en",
    "par", "pour", "sur", "y", "o", "e", "el", "los", "las", "del", "al", "con", "por", "para",
    "und", "oder", "der", "die", "das", "den", "dem", "des", "von", "zu", "zum", "zur", "im", "am",
    "mit", "auf", "ein", "eine",
}

# Common verb forms (auxiliaries, copulas, modals): a line with none of them is a phrase, not a
# sentence that only lacks its full stop ("Creating an ongoing dialogue" / "Here is the text").  Not the
# French "a": it is the English article too.
COMMON_VERBS = {
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will", "would",
    "can", "could", "shall", "should", "may", "might", "must", "here's", "it's", "there's", "says", "said",
    "est", "sont", "était", "étaient", "ont", "avait", "sera", "fut", "fait", "peut", "doit", "c'est", "voici",
    "es", "son", "era", "fue", "está", "están", "ha", "han", "había", "será", "hay", "puede", "debe", "dice",
    "ist", "sind", "war", "waren", "hat", "haben", "hatte", "wird", "werden", "kann", "muss", "soll", "gibt",
}

# A newspaper's tagline beside its name: "Hannoversche Allgemeine | Ihre Zeitung aus Hannover".
PAPER_TAGLINE = (r"(?:ihre|deine|die|unsere|your|the|our|votre|le|la|son|el|tu|su|la)\s+(?:\w+\s+)?(?:zeitung|tageszeitung|"
                 r"heimatzeitung|newspaper|paper|daily|journal|quotidien|diario|periódico|noticias)\b.{0,40}")

# Words of a newspaper's name ("Cambridge Chronicle", "Die Rheinpfalz"-like names aside).
PAPER_WORDS = {"chronicle", "times", "post", "herald", "gazette", "journal", "news", "tribune", "observer", "courier",
               "express", "telegraph", "zeitung", "anzeiger", "rundschau", "kurier", "tagblatt", "nachrichten",
               "diario", "periódico", "heraldo", "correo", "gaceta", "quotidien", "courrier", "dépêche", "presse"}

# Words of a greeting that opens a speech or a letter ("Ladies and gentlemen", "Chers amis").
GREETINGS = {"ladies", "gentlemen", "dear", "friends", "colleagues", "hello", "good", "mesdames", "messieurs",
             "chers", "chères", "amis", "bonjour", "bonsoir", "señoras", "señores", "queridos", "queridas", "amigos",
             "buenos", "buenas", "damen", "herren", "liebe", "lieber", "guten", "sehr", "hallo"}

# Whole lines of site chrome, by kind: each line of the page that is exactly one of these (case
# and trailing punctuation ignored) is furniture, wherever it stands.
CHROME_LINES = {
    "site tagline": [
        "partner im redaktionsnetzwerk deutschland", "ein angebot des redaktionsnetzwerks deutschland",
        "a member of the usa today network", "part of the usa today network", "membre du réseau",
    ],
    "skip link": [
        "skip to main content", "skip to content", "skip to the content", "skip to navigation",
        "jump to navigation", "jump to search", "jump to navigation jump to search", "skip navigation",
        "aller au contenu principal", "aller au contenu", "passer au contenu", "aller à la navigation",
        "ir al contenido principal", "ir al contenido", "saltar al contenido principal",
        "saltar al contenido", "zum inhalt springen", "zum hauptinhalt springen", "zum inhalt",
        "direkt zum inhalt", "zur navigation springen", "zur suche springen", "skip to main navigation",
    ],
    "menu or search control": [
        "menu", "main menu", "open menu", "close menu", "toggle navigation", "search", "open search",
        "close", "mobile menu - openmobile menu - closed", "menú", "buscar", "búsqueda", "rechercher",
        "recherche", "suche", "suchen", "navigation", "navegación", "connect with us",
    ],
    "share or print control": [
        "share", "share this", "share this article", "share this story", "share this page", "tweet",
        "print", "print this page", "print this article", "print this poem", "imprimer ce poème",
        "imprimer ce texte", "imprimir este poema", "gedicht drucken", "email", "e-mail", "share on facebook",
        "share on twitter", "share on x", "partager", "partager cet article", "imprimer", "envoyer",
        "compartir", "imprimir", "enviar", "teilen", "drucken", "artikel teilen", "diesen artikel teilen",
        "more", "copy link", "copier le lien", "copiar enlace", "link kopieren",
    ],
    "back-to-top link": [
        "back to top", "return to top", "top of page", "go to top", "retour en haut",
        "haut de page", "retour en haut de page", "volver arriba", "subir", "ir arriba",
        "nach oben", "zurück nach oben", "seitenanfang", "zum seitenanfang",
    ],
    "feedback prompt": [
        "was this page helpful?", "was this page helpful? yes no", "was this helpful?", "is this correct? or",
        "is this page useful?", "cette page vous a-t-elle été utile ?", "cette page vous a-t-elle été utile ? oui non",
        "¿le ha resultado útil esta página?", "¿te ha sido útil esta página?", "war diese seite hilfreich?",
        "war dieser artikel hilfreich?", "yes no", "oui non", "sí no", "ja nein", "report an error",
    ],
    "loading or placeholder text": [
        "loading...", "loading…", "chargement...", "chargement…", "cargando...", "cargando…",
        "wird geladen...", "lädt...", "null", "undefined", "+", "frontis", "document sample",
    ],
    "comments link": [
        "comments", "comment", "0 comments", "no comments", "post a comment", "leave a comment",
        "commentaires", "réagir", "comentarios", "kommentare", "kommentar",
        "leave a reply", "leave a comment", "post a comment", "add a comment", "write a comment",
        "laisser un commentaire", "publier un commentaire", "ajouter un commentaire", "écrire un commentaire",
        "publicar un comentario", "deja un comentario", "dejar un comentario", "escribe un comentario",
        "kommentar schreiben", "einen kommentar schreiben", "kommentar verfassen", "hinterlasse einen kommentar",
        "schreibe einen kommentar", "comments (0)", "kommentare (0)", "commentaires (0)", "comentarios (0)",
        "comments are closed", "comments closed", "kommentare sind geschlossen", "kommentare geschlossen",
        "les commentaires sont fermés", "commentaires fermés", "los comentarios están cerrados",
        "comentarios cerrados",
    ],
    "related-articles heading": [
        "related", "related articles", "related stories", "related posts", "related content",
        "more stories", "more from", "read more", "read next", "you may also like", "recommended",
        "most read", "most popular", "latest news", "news network", "lire aussi", "à lire aussi",
        "sur le même sujet", "les plus lus", "le plus lu", "noticias relacionadas", "te puede interesar",
        "lo más leído", "más noticias", "mehr zum thema", "das könnte sie auch interessieren",
        "meistgelesen", "weitere artikel", "auch interessant", "noticias destacadas", "destacados",
        "lo último", "top stories", "à la une", "weitere nachrichten", "more news", "trending",
        "related posts", "related topics", "more videos", "popular posts", "recent posts", "no te lo pierdas",
    ],
    "section label": [
        "opinion", "news", "world news", "analysis", "análisis", "analyse", "grand format",
        "tribune", "opinión", "meinung", "kommentar", "diskussionsbeiträge", "texte intégral",
        "full text", "transcript", "texto", "texte", "text",
    ],
    "press-release marker": [
        "for immediate release", "immediate release", "embargoed until delivery", "###", "# # #",
        "-30-", "- 30 -", "ends", "- ends -", "-ends-", "pour diffusion immédiate",
        "communiqué de presse", "nota de prensa", "pressemitteilung", "press release", "-more-",
    ],
    "date label with no date": [
        "published", "on", "published on", "updated", "erstellt: aktualisiert:", "prononcé le",
        "intervenant(s) :", "aktualisiert am", "publié le", "mis à jour le", "publié", "le", "publicado",
        "publicado el", "el", "veröffentlicht", "veröffentlicht am", "am", "date", "fecha", "datum",
    ],
    "map widget": [
        "karte für diesen artikel", "karte anzeigen", "map for this article", "show map", "view map",
        "carte pour cet article", "afficher la carte", "voir la carte", "mapa de este artículo", "ver mapa",
    ],
    "image label": [
        "symbolfoto", "symbolbild", "archivbild", "archivfoto", "foto", "photo", "bild", "image", "imagen",
        "photo d'illustration", "image d'illustration", "imagen de archivo", "foto de archivo", "file photo",
        "stock photo",
    ],
    "category label with no value": [
        "category", "categories", "catégorie", "catégories", "rubrique", "categoría", "categorías", "sección",
        "kategorie", "kategorien", "rubrik", "tags", "étiquettes", "etiquetas", "schlagwörter", "schlagworte",
    ],
    "paywall or sign-in prompt": [
        "sans paiement. sans abonnement.", "sans paiement", "sans abonnement", "sans engagement",
        "no payment. no subscription.", "sin pago. sin suscripción.", "ohne zahlung. ohne abo.",
    ],
    "skip-link target": [
        "sprungziele", "sprungmarken", "inhalt", "hauptinhalt", "contenu", "contenu principal", "contenido",
        "contenido principal", "content", "main content", "navigation überspringen",
    ],
    "back link": [
        "torna", "tornar", "<- zurück", "zurück", "« retour", "retour", "<- back", "« back", "back", "volver", "« volver", "← back",
    ],
    "byline label with no name": [
        "by", "par", "por", "von", "author", "auteur", "autor", "autora", "written by", "écrit par", "escrito por",
    ],
    "comment controls": [
        "reply", "répondre", "responder", "antworten", "respondereliminar", "replydelete", "eliminar", "delete",
        "supprimer", "löschen", "report", "signaler", "denunciar", "melden", "like", "j'aime", "me gusta",
        "gefällt mir", "trackback-url", "trackback", "comments feed", "stop watching this discussion",
        "welcome to the discussion", "smileys einfügen", "e-mail bei weiteren kommentaren",
        "informationen speichern (cookie)", "name", "website", "webseite", "site web", "sitio web", "nom",
        "nombre", "correo electrónico",
    ],
    "link to the rest of the text": [
        "continue reading", "keep reading", "read the full story", "read full story",
        "read the full article", "lire la suite", "la suite", "suite de l'article", "lire l'article",
        "leer más", "seguir leyendo", "leer la noticia completa", "weiterlesen", "jetzt weiterlesen",
        "mehr lesen", "zum artikel", "mehr dazu", "en savoir plus", "más información", "learn more",
    ],
}

# Words of share rows ("Copier le lien Partager sur Facebook Imprimer", "Compartilo en redes"):
# a line made only of these, with two of the strong ones (or one share verb), is a share row.
SHARE_STRONG = {
    "share", "sharing", "partager", "partagez", "compartir", "compartilo", "compártelo", "comparte",
    "comparta", "teilen", "teile", "tweet", "tweeten", "print", "imprimer", "imprimir", "drucken", "email",
    "e-mail", "mail", "courriel", "correo", "copy", "copier", "copiar", "kopieren", "facebook", "twitter",
    "x", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "bluesky", "threads", "mastodon",
    "messenger", "flipboard", "tumblr", "pocket", "xing", "sms",
}
SHARE_VERBS = {"share", "partager", "partagez", "compartir", "compartilo", "compártelo", "comparte", "comparta",
               "teilen", "teile"}
SHARE_FILLER = {
    "on", "sur", "en", "auf", "via", "by", "par", "per", "por", "this", "cet", "ce", "cette", "este", "esta",
    "diesen", "dieses", "diese", "article", "artikel", "artículo", "page", "página", "seite", "story", "post",
    "le", "la", "el", "the", "a", "link", "lien", "enlace", "url", "redes", "sociales", "réseaux", "sociaux",
    "social", "media", "networks", "netzwerken", "sozialen", "in", "de", "del", "les", "los", "y", "et",
    "and", "und", "or", "ou", "o", "oder", "|", "•", "·", "/", "-", "artículo", "noticia", "nota",
}

# Lines of a comment section, a paywall, a related list (regular expressions, all languages).
PAYWALL_STARTS = (
    r"to access (?:this )?content", r"please (?:log ?in|sign in|subscribe)",
    r"(?:this|the) (?:content|article|story|feature|functionality) is (?:only )?(?:available|reserved|exclusive) "
    r"(?:to|for) (?:subscribers|members)", r"(?:esta|este) (?:funcionalidad|contenido|noticia|artículo) es exclusiv[ao]",
    r"(?:comentar|votar) es una ventaja exclusiva", r"necesitas ser suscriptor", r"contenido exclusivo para",
    r"¿?ya eres suscriptor", r"inicia sesión", r"(?:cet article est )?réservé aux abonnés",
    r"(?:la suite de cet article|cet article) est réservée?", r"(?:dieser (?:artikel|beitrag|inhalt) ist )?nur für abonnenten",
    r"weiterlesen mit\b", r"suscr[ií]bete para (?:leer|seguir)", r"pour lire la suite", r"para seguir leyendo",
    r"um (?:den artikel )?weiterzulesen", r"sie sind bereits abonnent", r"vous êtes déjà abonné",
    r"(?:available )?transcripts? (?:are|is|was|were) (?:automatically |auto-?)generated",
    r"this (?:transcript|transcription) (?:was|is|has been) (?:automatically|machine|auto)",
    r"cette transcription (?:a été|est) (?:générée|réalisée) automatiquement", r"transcripción (?:generada )?automática",
    r"(?:dieses|das) transkript wurde automatisch",
)
FEEDBACK_STARTS = (
    r"report an? (?:correction|error|typo|mistake)", r"report (?:a )?correction or typo", r"reporta un error",
    r"signaler une erreur", r"fehler melden", r"rate this (?:poem|article|page|post|story|song)",
    r"noter cet? (?:article|poème|page)", r"val[oó]ra (?:este|esta)", r"(?:artikel|beitrag|gedicht) bewerten",
    r"add .{0,60} to (?:my |your )?favou?rites", r"ajouter .{0,60}(?:à|aux) (?:mes )?favoris",
    r"añadir .{0,60}a (?:mis )?favoritos", r".{0,60}zu (?:den |meinen )?favoriten hinzufügen",
)
RELATED_HEADINGS = (
    r"(?:the )?(?:most )?(?:popular|recent|latest|related|similar|recommended|trending|featured|top|other) "
    r"(?:poems?|poets?|posts?|articles?|stories|videos?|news|topics|links|coverage|reading|searches|reads|items)",
    r"more (?:videos?|stories|news|articles|posts|poems|headlines|(?:from|by|in|on|about) .{1,40})",
    r"you (?:might|may) (?:also )?(?:like|enjoy)", r"don'?t miss", r"editor'?s picks", r"related topics",
    r"articles? (?:récents|similaires|populaires|liés|recommandés)", r"(?:nos )?derniers articles",
    r"à lire (?:aussi|également)", r"dans la même rubrique", r"sur le même (?:thème|sujet)",
    r"les (?:articles )?plus (?:lus|populaires|partagés|commentés)", r"vous aimerez (?:aussi|également)",
    r"(?:artículos|noticias|entradas) (?:relacionad[ao]s|recientes|populares|destacad[ao]s)",
    r"lo más (?:leído|visto|popular|comentado)", r"(?:las )?más (?:leídas|vistas|populares|comentadas)",
    r"nuestra selección", r"también te puede interesar", r"últimas (?:noticias|entradas)",
    r"(?:ähnliche|neueste|beliebte|verwandte|weitere|aktuelle) (?:artikel|beiträge|meldungen|nachrichten|themen|gedichte)",
    r"das könnte sie (?:auch )?interessieren", r"mehr (?:aus|zum|von) .{1,40}",
    r"lo último (?:de|en) .{1,40}", r"the latest (?:from|in|on|by) .{1,40}", r"les derniers articles (?:de|d['’]) ?.{1,40}",
    r"(?:das )?neueste (?:von|aus) .{1,40}",
)
RELATED_LINK_PREFIXES = (
    r"related", r"read (?:more|also|next)", r"see also", r"also read", r"lire (?:aussi|également)",
    r"à lire (?:aussi|également)", r"voir aussi", r"à voir aussi", r"le[ae] también", r"ver también",
    r"te puede interesar", r"lesen sie auch", r"auch interessant", r"mehr zum thema", r"siehe auch",
)
ARCHIVE_LABELS = (
    r"(?:tag|category|categories|author|monthly|yearly|daily|date)?\s*archives?\s*(?:for|of|:|–|-)",
    r"(?:posts|entries|articles|stories) (?:tagged|filed under|in category)", r"(?:archives? de (?:la )?)?catégorie\s*:",
    r"(?:archives? de )?l?'?(?:étiquette|mot-clé)\s*:", r"(?:archivo de (?:la )?)?(?:categoría|etiqueta)\s*:",
    r"entradas (?:etiquetadas|de la categoría)", r"(?:archiv der )?kategorie\s*:", r"schlagwort(?:-archiv)?\s*:",
    r"beiträge (?:mit dem schlagwort|der kategorie)",
)
# A search page's own lines: its prompt, its count of results and its sort control.
SEARCH_PAGE_LINES = (
    r"(?:suchen und finden|search results? for|résultats? de (?:la )?recherche|resultados? de (?:la )?búsqueda|"
    r"suchergebnisse(?: für)?)\b.{0,60}",
    r"[\d.,\s]+\s+(?:ergebnisse?|treffer|results?|résultats?|resultados?)(?:\s+(?:gefunden|found|trouvés?|"
    r"encontrados?))?\s*:?",
    r"(?:sortiert nach|sort(?:ed)? by|trier par|triés? par|ordenar por|ordenados? por)\b.{0,60}",
)
TRANSCRIPT_LABELS = (
    r"(?:(?:full|complete|episode|video|audio|interview|show|official|read the|auto(?:matic|-generated)?)\s+)*"
    r"transcripts?(?:\s+(?:of|for)\s.{1,40})?", r"(?:re)?transcription(?:\s+(?:intégrale|complète|automatique|"
    r"des? .{1,40}))?", r"transcripción(?: completa| íntegra)?", r"transkript(?:ion)?", r"wortprotokoll", r"mitschrift",
    r"texte intégral", r"texto (?:íntegro|completo)", r"volltext", r"full text",
)
# A reader's word of praise under a poem: "Ein wunderschönes Gedicht …!", "Beautiful poem!".
PRAISE_WORDS = (r"wunderschön\w*|schön\w*|herrlich\w*|toll\w*|wunderbar\w*|beautiful|lovely|wonderful|great|"
                r"amazing|gorgeous|beau|belle|magnifique|superbe|joli|hermos[oa]|precios[oa]|bell[oa]|lind[oa]|"
                r"maravillos[oa]")
POEM_WORDS = r"gedicht|gedichte|poem|poems|poème|poèmes|poema|poemas|poesía|texte|verse|vers"
READING_TIMES = (
    r"(?:(?:temps|durée) de lecture|tiempo (?:estimado )?de lectura|lesezeit|lesedauer|reading time|read time|"
    r"time to read)\s*:?\s*(?:~|env\.?|environ|ca\.?|approx\.?)?\s*\d+\s*(?:min\w*|mn)\.?",
    r"\d+\s*(?:min\w*|mn)\.?\s+(?:de lecture|de lectura|lesezeit|lesen|read|reading)",
)
HOME_WORDS = r"home|accueil|inicio|portada|startseite|start|página principal|page d'accueil"
PRINT_VERSION = r"\((?:druckversion|print version|printer-friendly version|version imprimable|version pour impression|" \
    r"versión (?:para )?imprimir|versión imprimible)\)"

# Prompts that start a line: newsletters, cookies, subscriptions (all languages).
PROMPT_STARTS = (
    r"we use cookies", r"this (?:site|website) uses cookies", r"by using this (?:site|website)",
    r"we will use your email address", r"sign up for (?:our|the) newsletter", r"subscribe to (?:our|the|my)",
    r"get (?:our|the) newsletter", r"you are subscribed to", r"you have been subscribed",
    r"to continue reading,? subscribe", r"already a subscriber", r"already have an account",
    r"this article is for subscribers", r"create a free account",
    r"ce site utilise des cookies", r"nous utilisons des cookies", r"en poursuivant votre navigation",
    r"pour (?:sauvegarder|lire|commenter|partager) cet article, (?:connectez-vous|abonnez-vous|inscrivez-vous)",
    r"to save this (?:article|story), (?:sign in|log in|subscribe)", r"para guardar este artículo, (?:inicia|regístrate)",
    r"abonnez-vous", r"déjà abonné", r"pour poursuivre la lecture", r"article réservé (?:à nos|aux) abonnés",
    r"inscrivez-vous à (?:notre|la) newsletter", r"recevez (?:notre|la) newsletter",
    r"este (?:portal|sitio|sitio web) utiliza cookies", r"utilizamos cookies", r"suscr[íi]b(?:e|i)te", r"suscr[íi]bete a nuestro canal",
    r"suscríbase", r"ya soy suscriptor", r"recibe (?:nuestra|la) newsletter",
    r"diese (?:website|seite|webseite) verwendet cookies", r"wir verwenden cookies",
    r"(?:verwendet|nutzt) diese (?:website|seite|webseite) cookies", r"(?:ce site|notre site) utilise des cookies",
    r"(?:este sitio|esta web|esta página) (?:web )?utiliza cookies", r"(?:this|our) (?:site|website) uses cookies",
    r"cookies helfen bei der bereitstellung", r"jetzt abonnieren", r"abonniere?n? (?:sie )?unseren kanal", r"abonnez-vous à (?:notre|la) chaîne", r"newsletter abonnieren",
    r"melden sie sich (?:jetzt )?(?:für|zum) newsletter", r"bereits abonnent",
    r"diese (?:website|seite|webseite) (?:ist|wird) (?:seit|nicht mehr)", r"bei technischen fragen",
    r"si votre navigateur ne", r"transcription du contenu de la page", r"if your browser (?:does not|doesn't|cannot)",
    r"wenn ihr browser", r"si su navegador no", r"(?:home\s+)?tags?\b.{0,20}\bposts? tagged with",
    r"\**\s*(?:dale\s+)?(?:click|clic|klick|cliquez|haga clic|pulse|klicken sie)\s+(?:aquí|aqui|here|hier|ici)\b",
    r"(?:\+\s*)*(?:lesen sie hier|hier geht es zu|lire la suite|leer más|read the full|read more at)\b",
    r"(?:voir la bio|voir plus|ver más|mehr erfahren|see full bio|view profile)\b",
)

# Single words of navigation, share rows, breadcrumbs and footers (a line made only of these is chrome).
NAV_WORDS = (
    r"home|start|startseite|accueil|inicio|portada|news|nachrichten|actualités|actualidad|noticias|"
    r"share|tweet|e-?mail|print|comments?|facebook|twitter|x|instagram|linkedin|youtube|whatsapp|"
    r"telegram|threads|bluesky|mastodon|reddit|pinterest|flipboard|rss|menu|search|newsletters?|"
    r"contact(?: us)?|about(?: us)?|site ?map|careers|advertise(?: with us)?|subscribe|sign in|log in|"
    r"sign up|terms(?: of (?:use|service))?|privacy(?: policy| notice)?|cookie (?:policy|settings|"
    r"preferences)|cookies|accessibility|imprint|impressum|datenschutz(?:erklärung)?|kontakt|"
    r"barrierefreiheit|mentions légales|plan du site|accessibilité|confidentialité|"
    r"aviso legal|accesibilidad|mapa web|privacidad|política de privacidad|contacto|"
    r"partager|imprimer|compartir|imprimir|teilen|drucken|enviar|envoyer|more|"
    r"back to top|nach oben|volver arriba|haut de page|"
    r"follow us(?: on [\w ]+)?|suivez-nous|síguenos|folgen sie uns|read more|"
    r"speeches|statements|press releases|press|media|about|publications|events|videos|photos|"
    r"discours|en bref|fiches|dossiers|discursos|reden|themen|dossier|poems|poets|poèmes|poètes|poemas|poetas|"
    r"gedichte|dichter|biography|biographie|biografía|biografie|quotes|citations|citas|zitate|"
    r"politik|wirtschaft|kultur|sport|politique|économie|culture|política|economía|cultura|deportes"
)

# Words of copyright notices and rights lines in each language.
RIGHTS = (r"all rights reserved|tous droits réservés|todos los derechos reservados|"
          r"alle rechte vorbehalten|reservados todos los derechos|droits réservés")

# Labels of contact blocks at the end of a press release.
CONTACT_LABELS = (
    r"media contacts?|press contacts?|contacts?|for more information|for further information|"
    r"contact presse|contacts presse|contact médias|relations presse|contacto de prensa|"
    r"contacto|gabinete de prensa|pressekontakt|pressekontakte|ansprechpartner(?:in)?|kontakt"
)
