"""HTML writer, languages: TEI xml:lang values as HTML lang values (BCP 47).

Stage: writer. Input: an xml:lang. Output: the tag HTML accepts, or None when
there is none (the page then keeps the value as data-lang, so nothing is lost).
"""

from __future__ import annotations

import re

# HTML wants BCP 47 language tags, which use the two-letter ISO 639-1 code where one
# exists ("fr", not "fra"); TEI projects often write ISO 639-2 codes.
ISO639_2_TO_1 = {
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "eng": "en",
    "lat": "la",
    "ita": "it",
    "spa": "es",
    "rus": "ru",
    "zho": "zh",
    "chi": "zh",
    "pol": "pl",
    "ces": "cs",
    "cze": "cs",
    "hun": "hu",
    "nld": "nl",
    "dut": "nl",
    "dan": "da",
    "swe": "sv",
    "nor": "no",
    "por": "pt",
    "ell": "el",
    "gre": "el",
    "heb": "he",
    "yid": "yi",
    "jpn": "ja",
    "ara": "ar",
    "tur": "tr",
    "ukr": "uk",
    "hrv": "hr",
    "srp": "sr",
    "slv": "sl",
    "slk": "sk",
    "slo": "sk",
    "ron": "ro",
    "rum": "ro",
    "fin": "fi",
    "cat": "ca",
    "epo": "eo",
}
# Three-letter primary subtags that are valid BCP 47 as they are (no two-letter code).
ISO639_3_KEEP = frozenset("grc gmh goh ang enm frm fro gml gsw bar yue cmn und mul zxx".split())
_LANG_SYNTAX = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def bcp47(tag: str) -> str | None:
    """An xml:lang as an HTML lang value, or None when it is not a tag HTML accepts
    (it is then kept as data-lang, so nothing is lost)."""
    tag = tag.strip()
    if tag == "":
        return ""
    if not _LANG_SYNTAX.match(tag):
        return None
    primary, _, rest = tag.partition("-")
    low = primary.lower()
    if len(low) == 3:
        if low in ISO639_2_TO_1:
            low = ISO639_2_TO_1[low]
        elif low not in ISO639_3_KEEP:
            return None
    return low + ("-" + rest if rest else "")


# Scripts written right to left (ISO 15924 codes; Unicode bidi class R or AL), and
# the languages whose usual script is one of them when the tag names no script
# (CLDR likely subtags: "ur" is Urdu in Arabic script, "ku" is Kurdish in Latin).
RTL_SCRIPTS = frozenset(
    "arab aran hebr syrc syre syrj syrn thaa nkoo samr mand mend adlm rohg yezi"
    " armi avst khar lydi narb nbat orkh palm phli phlp phnx prti sarb sogd sogo".split()
)
RTL_LANGUAGES = frozenset(
    "ar arc arz ckb dv fa glk he iw ji ks lrc mzn nqo pnb prs ps sd sdh syr ug ur yi"
    " fas per urd pus snd uig div".split()  # three-letter codes ISO639_2_TO_1 does not map
)
_SCRIPT = re.compile(r"^[A-Za-z]{4}$")


def direction(tag: str) -> str:
    """ "rtl" for a language tag written right to left (he, ar, fa, ur, yi, az-Arab ...),
    else "ltr". A script subtag decides over the language's usual script."""
    primary, *subtags = tag.strip().split("-")
    script = next((s.lower() for s in subtags if _SCRIPT.match(s)), None)
    if script is not None:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    low = primary.lower()
    low = ISO639_2_TO_1.get(low, low)
    return "rtl" if low in RTL_LANGUAGES else "ltr"
