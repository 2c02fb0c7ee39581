"""When a DPIA is required: Art. 35(3), the WP248 criteria and the DVI Art. 35(4) list."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite
from ropa.knowledge.translatable import gettext_noop as N_

SOURCE = cite("GDPR", "WP248", "DVI-35.4")

ART_35_3 = {
    "35.3.a": N_(
        "systematic and extensive evaluation based on automated processing, "
        "including profiling, with legal or similarly significant effects"
    ),
    "35.3.b": N_(
        "processing on a large scale of special categories (Art. 9(1)) or of "
        "criminal convictions and offences (Art. 10)"
    ),
    "35.3.c": N_("systematic monitoring of a publicly accessible area on a large scale"),
}

WP248_CRITERIA = {
    "WP248.C1": N_("evaluation or scoring, including profiling and predicting"),
    "WP248.C2": N_("automated decision-making with legal or similar significant effect"),
    "WP248.C3": N_("systematic monitoring"),
    "WP248.C4": N_("sensitive data or data of a highly personal nature"),
    "WP248.C5": N_("data processed on a large scale"),
    "WP248.C6": N_("matching or combining datasets"),
    "WP248.C7": N_("data concerning vulnerable data subjects"),
    "WP248.C8": N_("innovative use or applying new technological or organisational solutions"),
    "WP248.C9": N_(
        "processing that prevents data subjects from exercising a right or using "
        "a service or a contract"
    ),
}

# WP248: "in most cases", processing meeting two criteria requires a DPIA.
WP248_THRESHOLD = 2


class DviListItem(NamedTuple):
    description: str
    # The DVI list requires, for these items, that at least one WP248 criterion is also met.
    needs_wp248_criterion: bool
    # A criterion the item's own data already meets, which does not count as the other one:
    # genetic and biometric data are themselves sensitive data (WP248 C4), and EDPB
    # Opinion 14/2018 on the Latvian draft list asked that such processing need a DPIA
    # only together with at least one other criterion.
    not_counting: str | None = None


# The DVI list is the Latvian supervisory authority's Art. 35(4) list: it binds processing
# for which the Data State Inspectorate is competent, i.e. by controllers established in
# Latvia (or processing there). Countries for which the register's rules apply it:
DVI_LIST_COUNTRIES = frozenset({"LV"})


DVI_LIST: dict[str, DviListItem] = {
    "LV.DPIA.01": DviListItem(
        N_("criminal convictions and offences or related security measures"), False
    ),
    "LV.DPIA.02": DviListItem(N_("scientific or historical research without consent"), True),
    "LV.DPIA.03": DviListItem(N_("informing data subjects under Art. 19 proves impossible"), False),
    "LV.DPIA.04": DviListItem(N_("genetic data to uniquely identify a person"), True, "WP248.C4"),
    "LV.DPIA.05": DviListItem(
        N_("surveillance: large-scale, at the workplace, or of vulnerable data subjects"), False
    ),
    "LV.DPIA.06": DviListItem(N_("innovative technologies, mechanisms or new procedures"), True),
    "LV.DPIA.07": DviListItem(N_("systematic monitoring of employees' activities"), False),
    "LV.DPIA.08": DviListItem(N_("large-scale tracking of data subjects"), False),
    "LV.DPIA.09": DviListItem(N_("location data"), True),
    "LV.DPIA.10": DviListItem(
        N_("information society services offered directly to a child"), False
    ),
    "LV.DPIA.11": DviListItem(
        N_("large-scale automated processing and processing based on profiling"), False
    ),
    "LV.DPIA.12": DviListItem(
        N_("combining data from various sources for matching, comparison or re-use"), False
    ),
    "LV.DPIA.13": DviListItem(N_("biometric data to uniquely identify a person"), True, "WP248.C4"),
}
