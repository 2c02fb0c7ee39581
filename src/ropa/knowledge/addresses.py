"""Which country a postal address names, by its last line.

Addresses in registers are free text ("The Chocolate Factory, Keynsham, Bristol, BS31 2AU,
Apvienotā Karaliste"); international practice writes the country last. The names are the
ISO 3166-1 English and Latvian names of `ropa.knowledge.countries` and the alpha-3 codes,
with the everyday names notices use for a few countries ("UK", "USA", "ASV"). A heuristic:
an address that ends otherwise names no country here.
"""

from __future__ import annotations

import re
from functools import cache

from ropa.knowledge.countries import ALPHA_3, COUNTRIES
from ropa.knowledge.text import fold_word

# Everyday names for countries whose ISO name notices seldom use.
_ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "apvienota karaliste": "GB",
    "lielbritanija": "GB",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "united states of america": "US",
    "asv": "US",
    "russia": "RU",
    "krievija": "RU",
}

_LAST = re.compile(r"[,;\n]")


@cache
def _names() -> dict[str, str]:
    names = {fold_word(code.casefold()): alpha2 for code, alpha2 in ALPHA_3.items()}
    for alpha2, (english, latvian) in COUNTRIES.items():
        names[fold_word(english.casefold())] = alpha2
        names[fold_word(latvian.casefold())] = alpha2
    names.update(_ALIASES)
    return names


def country_of_address(address: str) -> str | None:
    """The alpha-2 code of the country the address's last part names, if it names one."""
    parts = [part.strip(" .\t") for part in _LAST.split(address) if part.strip(" .\t")]
    if not parts:
        return None
    last = fold_word(parts[-1].casefold())
    return _names().get(last) or _names().get(last.rstrip("."))
