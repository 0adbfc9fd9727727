"""Bytes -> text: UTF-8 (BOM stripped, CRLF/CR -> LF); cp1252 only when charset-normalizer is sure."""
from __future__ import annotations

import charset_normalizer

from edition.problems import error, warning

MAX_MESS = 0.02   # charset-normalizer's "chaos": 0.0 for clean cp1252 prose


def decode(data: bytes, path: str) -> tuple[str | None, list]:
    """Bytes -> text with LF line ends, or None and an error Problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [error(path, None, "UTF-16 text; save it as UTF-8")]
    if b"\x00" in data:
        return None, [error(path, None, "binary file (it contains NUL bytes), not text; remove it from "
                                    "seeds/ or replace it with the text saved as UTF-8")]
    data = data.removeprefix(b"\xef\xbb\xbf")
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = guess_single_byte(data)
        if text is None:
            return None, [error(path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}), and its encoding "
                                            "cannot be recognised for certain; open it in an editor and "
                                            "save it as UTF-8")]
        problems.append(warning(path, line, "not UTF-8 text; read it as cp1252 (Windows Western, "
                                            "guessed): check quotes and accents, then save it as UTF-8"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [error(path, None, "empty seed: there is no text to ingest")]
    return text, problems


def guess_single_byte(data: bytes) -> str | None:
    """cp1252 text (smart quotes from Word and old web pages), when charset-normalizer is sure.

    Only cp1252 is tried: on short texts the detector's first guess is often a codec that
    decodes the same bytes to the wrong letters (mac_iceland, cp1250), and Western web text that
    is not UTF-8 is nearly always cp1252.  Its mess ratio must be (almost) nil.
    """
    best = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if best is None or best.chaos > MAX_MESS:
        return None
    return str(best)
