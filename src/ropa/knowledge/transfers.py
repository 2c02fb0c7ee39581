"""Chapter V transfer tools: articles, and which of them need documents on record."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("GDPR", "SCC-2021", "UK-GDPR", "FADP", "EDPB-05/2021", "CJEU-C-101/01")


class ToolFact(NamedTuple):
    article: str
    english: str
    # A supervisory authority must authorise the transfer (Art. 46(3)).
    needs_authorisation: bool = False


MECHANISMS: dict[str, ToolFact] = {
    "adequacy": ToolFact("Art. 45", "adequacy decision"),
    "scc": ToolFact(
        "Art. 46(2)(c)",
        "standard data protection clauses adopted by the Commission (currently "
        "Implementing Decision (EU) 2021/914)",
    ),
    "bcr": ToolFact("Art. 46(2)(b), Art. 47", "binding corporate rules"),
    "art46_other": ToolFact("Art. 46", "another appropriate safeguard"),
    "derogation": ToolFact("Art. 49", "derogation for a specific situation"),
}

INSTRUMENTS: dict[str, ToolFact] = {
    "public_authority_instrument": ToolFact(
        "Art. 46(2)(a)", "legally binding instrument between public authorities or bodies"
    ),
    "sa_standard_clauses": ToolFact(
        "Art. 46(2)(d)", "standard clauses adopted by a supervisory authority"
    ),
    "code_of_conduct": ToolFact("Art. 46(2)(e)", "approved code of conduct (Art. 40)"),
    "certification": ToolFact("Art. 46(2)(f)", "approved certification mechanism (Art. 42)"),
    "ad_hoc_clauses": ToolFact(
        "Art. 46(3)(a)", "contractual clauses authorised by the supervisory authority", True
    ),
    "administrative_arrangement": ToolFact(
        "Art. 46(3)(b)", "administrative arrangement between public authorities", True
    ),
}

DEROGATIONS: dict[str, ToolFact] = {
    "explicit_consent": ToolFact("Art. 49(1)(a)", "explicit consent after being informed"),
    "contract_with_data_subject": ToolFact(
        "Art. 49(1)(b)", "contract with the data subject or pre-contractual measures"
    ),
    "contract_in_data_subject_interest": ToolFact(
        "Art. 49(1)(c)", "contract concluded in the interest of the data subject"
    ),
    "important_public_interest": ToolFact("Art. 49(1)(d)", "important reasons of public interest"),
    "legal_claims": ToolFact("Art. 49(1)(e)", "legal claims"),
    "vital_interests": ToolFact("Art. 49(1)(f)", "vital interests"),
    "public_register": ToolFact("Art. 49(1)(g)", "transfer from a public register"),
    "compelling_legitimate_interests": ToolFact(
        "Art. 49(1) second subparagraph",
        "compelling legitimate interests (not repetitive, limited number of data subjects)",
    ),
}

# Art. 49(3): public authorities exercising their public powers cannot rely on these.
NOT_FOR_PUBLIC_AUTHORITIES = frozenset(
    {
        "explicit_consent",
        "contract_with_data_subject",
        "contract_in_data_subject_interest",
        "compelling_legitimate_interests",
    }
)


def transfer_free_country(organisation_country: str | None, is_eea: bool) -> str | None:
    """The country a disclosure to which is no transfer for an organisation established
    outside the EEA: its own. A UK or Swiss controller keeps its record under its own law,
    and that law regulates disclosure *abroad* (UK GDPR Art. 44: a third country is one
    outside the United Kingdom; FADP Art. 16). For an organisation in the EEA there is
    none beyond the EEA itself (`is_eea`)."""
    if organisation_country is None or organisation_country == "unknown" or is_eea:
        return None
    return organisation_country
