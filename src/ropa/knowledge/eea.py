"""The European Economic Area: where data may flow without a Chapter V transfer tool."""

from __future__ import annotations

from ropa.knowledge.sources import cite

SOURCE = cite("EEA")

EU_MEMBER_STATES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    }
)
EEA_EFTA_STATES = frozenset({"IS", "LI", "NO"})

# Outermost regions with ISO codes of their own are part of the EU (Art. 355(1) TFEU), as
# are the Åland Islands (Art. 355(4) TFEU). The Canary Islands, Ceuta and Melilla have no
# code of their own and are written ES.
EU_TERRITORIES_WITH_OWN_CODES = frozenset({"RE", "GP", "MQ", "GF", "YT", "MF", "AX"})

EEA = EU_MEMBER_STATES | EEA_EFTA_STATES | EU_TERRITORIES_WITH_OWN_CODES

# Whether EEA rules apply to Svalbard (SJ) was not verified; it is treated as outside, so a
# transfer there is reported rather than silently accepted.
UNVERIFIED = {"SJ": "status of Svalbard under the EEA Agreement not verified"}


# What a register writes for "inside the EU/EEA, the country not stated".
SOMEWHERE_IN_EEA = "EEA"


def is_eea(country: str) -> bool:
    """Whether a country code (or `EEA`) is inside the EEA (so no transfer tool is needed)."""
    return country in EEA or country == SOMEWHERE_IN_EEA


def is_third_country(country: str) -> bool:
    """Whether a known country code is outside the EEA. `unknown` is neither."""
    return country != "unknown" and not is_eea(country)
