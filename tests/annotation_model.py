"""The MUST requirements of the W3C Web Annotation Data Model (Recommendation, 23 February 2017,
https://www.w3.org/TR/annotation-model/) that apply to what edition writes, as checks.

Each check names its section. Relative IRI references count as IRIs: JSON-LD resolves them
against the file's own address (the export writes them only when the site has no base_url).
"""
from __future__ import annotations

from urllib.parse import urlsplit

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"}


def _list(value):
    return value if isinstance(value, list) else [value]


def _iri(value) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    try:
        urlsplit(value)
    except ValueError:
        return False
    return True


def collection_problems(doc) -> list:
    """5.1 Annotation Collection, 5.2 Annotation Page, then every annotation in it."""
    found = []
    contexts = _list(doc.get("@context"))
    if CONTEXT not in contexts:
        found.append("5.1: the Collection MUST have the context http://www.w3.org/ns/anno.jsonld")
    if not _iri(doc.get("id")):
        found.append("5.1: the Collection MUST have exactly 1 IRI that identifies it")
    if "AnnotationCollection" not in _list(doc.get("type")):
        found.append("5.1: the Collection MUST have the type AnnotationCollection")
    if "label" in doc and not all(isinstance(x, str) for x in _list(doc["label"])):
        found.append("5.1: a label MUST be a string")
    total = doc.get("total")
    if "total" in doc and not (isinstance(total, int) and not isinstance(total, bool) and total >= 0):
        found.append("5.1: total MUST be a non-negative integer")
    items = []
    if total:
        page = doc.get("first")
        if not isinstance(page, (dict, str)):
            found.append("5.1: a Collection with annotations MUST have exactly 1 first page")
        elif isinstance(page, dict):
            if not _iri(page.get("id")):
                found.append("5.2: the Page MUST have exactly 1 IRI that provides its identity")
            if "AnnotationPage" not in _list(page.get("type")):
                found.append("5.2: the Page MUST have the type AnnotationPage")
            items = page.get("items")
            if not isinstance(items, list) or not items:
                found.append("5.2: each Page MUST have an array of 1 or more Annotations as items")
                items = []
            start = page.get("startIndex", 0)
            if not (isinstance(start, int) and start >= 0):
                found.append("5.2: startIndex MUST be a non-negative integer")
            if "next" not in page and isinstance(total, int) and len(items) < total:
                found.append("5.2: a page that is not the last MUST refer to the next")
    for n, item in enumerate(items):
        found += [f"annotation {n}: {p}" for p in annotation_problems(item, embedded=True)]
    return found


def annotation_problems(anno, embedded: bool = False) -> list:
    """3.1 Annotations, 3.2 bodies and targets, 4 selectors."""
    found = []
    if not embedded:
        contexts = anno.get("@context")
        if CONTEXT not in _list(contexts) or (isinstance(contexts, list) and len(contexts) == 1):
            found.append("3.1: the Annotation MUST have the anno.jsonld context (a string if it is the only one)")
    if not _iri(anno.get("id")):
        found.append("3.1: an Annotation MUST have exactly 1 IRI that identifies it")
    if "Annotation" not in _list(anno.get("type")):
        found.append("3.1: an Annotation MUST have the type Annotation")
    for motivation in _list(anno.get("motivation", [])):
        if motivation not in MOTIVATIONS:
            found.append(f"3.3.5: motivation {motivation!r} is not one of the model's")
    if "target" not in anno or not _list(anno["target"]):
        found.append("3.1: there MUST be 1 or more targets")
    if "bodyValue" in anno and "body" in anno:
        found.append("3.2.5: bodyValue and body MUST NOT both be present")
    for body in _list(anno.get("body", [])):
        found += resource_problems(body, "body")
    for target in _list(anno.get("target", [])):
        found += resource_problems(target, "target")
    return found


def resource_problems(resource, role: str) -> list:
    if isinstance(resource, str):
        return [] if _iri(resource) else [f"3.2.1: a {role} given as a string MUST be an IRI"]
    found = []
    kinds = _list(resource.get("type", []))
    if "TextualBody" in kinds:
        if not isinstance(resource.get("value"), str):
            found.append("3.2.4: there MUST be exactly 1 value for a TextualBody")
    elif "Choice" in kinds:
        if len(kinds) != 1:
            found.append("3.2.7: the Choice MUST have exactly 1 type, Choice")
        found += [p for item in _list(resource.get("items", [])) for p in resource_problems(item, role)]
    elif "SpecificResource" in kinds or "source" in resource:
        if not _iri(resource.get("source")) and not isinstance(resource.get("source"), dict):
            found.append("4: there MUST be exactly 1 source of a SpecificResource")
        for selector in _list(resource.get("selector", [])):
            found += selector_problems(selector)
    elif not _iri(resource.get("id")):
        found.append(f"3.2.1: an external {role} MUST have exactly 1 id, its IRI")
    direction = resource.get("textDirection")
    if direction is not None and direction not in ("ltr", "rtl", "auto"):
        found.append("3.2.1: textDirection MUST be ltr, rtl or auto")
    return found


def selector_problems(selector) -> list:
    kind = selector.get("type")
    if kind == "TextQuoteSelector":
        found = [] if isinstance(selector.get("exact"), str) else ["4.2.4: a TextQuoteSelector MUST have exactly 1 exact"]
        return found + [f"4.2.4: {k} MUST NOT be more than 1 string" for k in ("prefix", "suffix")
                        if k in selector and not isinstance(selector[k], str)]
    if kind == "TextPositionSelector":
        return [f"4.2.5: {k} MUST be exactly 1 non-negative integer" for k in ("start", "end")
                if not (isinstance(selector.get(k), int) and not isinstance(selector.get(k), bool) and selector[k] >= 0)]
    return [] if isinstance(kind, str) else ["4.2: a Selector MUST have exactly 1 type"]
