"""ids.py: readable ids and slugs from words."""
from __future__ import annotations

from edition.ids import make_id, slugify


def test_an_id_is_the_first_words_folded_to_ascii():
    assert make_id("“Relatively low” fee, said Bukele") == "relatively-low-fee-said-bukele"
    assert make_id("Cártel de Jalisco Nueva Generación", words=8) == "cartel-de-jalisco-nueva-generacion"
    assert make_id("“”—") == "note"


def test_a_slug_is_a_web_address_of_the_title():
    assert slugify("Terrorist Designations Of International Cartels") == "terrorist-designations-of-international-cartels"
    assert slugify("Déclaration des droits de l’homme et du citoyen").startswith("declaration-des-droits")
