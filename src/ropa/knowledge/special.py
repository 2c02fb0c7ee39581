"""Special categories (Art. 9), their Art. 9(2) conditions, and criminal data (Art. 10)."""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("GDPR", "VDAR")


class SpecialCategoryFact(NamedTuple):
    english: str
    # Nominative forms of the terms in the official Latvian text of Art. 9(1).
    latvian: str


SPECIAL_CATEGORIES: dict[str, SpecialCategoryFact] = {
    "racial_or_ethnic_origin": SpecialCategoryFact(
        "racial or ethnic origin", "rases vai etniskā piederība"
    ),
    "political_opinions": SpecialCategoryFact("political opinions", "politiskie uzskati"),
    "religious_or_philosophical_beliefs": SpecialCategoryFact(
        "religious or philosophical beliefs", "reliģiskā vai filozofiskā pārliecība"
    ),
    "trade_union_membership": SpecialCategoryFact("trade union membership", "dalība arodbiedrībās"),
    "genetic": SpecialCategoryFact("genetic data", "ģenētiskie dati"),
    "biometric": SpecialCategoryFact(
        "biometric data for the purpose of uniquely identifying a natural person",
        "biometriskie dati fiziskas personas unikālai identifikācijai",
    ),
    "health": SpecialCategoryFact("data concerning health", "veselības dati"),
    "sex_life_or_orientation": SpecialCategoryFact(
        "data concerning a natural person's sex life or sexual orientation",
        "dati par fiziskas personas dzimumdzīvi vai seksuālo orientāciju",
    ),
}


class ConditionFact(NamedTuple):
    article: str
    english: str
    # The condition relies on Union or Member State law (or, for (b), a collective
    # agreement; for (h), also a contract with a health professional), so the record
    # should name it.
    needs_law: bool
    # Art. 9(2)(h) applies "pursuant to Union or Member State law or pursuant to contract
    # with a health professional" under the secrecy of Art. 9(3): a health-care provider
    # treating its own patients has that contract, and no law needs naming.
    or_contract: bool = False


ARTICLE_9_2: dict[str, ConditionFact] = {
    "explicit_consent": ConditionFact("Art. 9(2)(a)", "explicit consent", False),
    "employment_social_security": ConditionFact(
        "Art. 9(2)(b)", "employment, social security and social protection law", True
    ),
    "vital_interests": ConditionFact(
        "Art. 9(2)(c)", "vital interests, data subject incapable of consent", False
    ),
    "not_for_profit_body": ConditionFact(
        "Art. 9(2)(d)",
        "not-for-profit body with a political, philosophical, religious or trade-union aim",
        False,
    ),
    "made_public": ConditionFact(
        "Art. 9(2)(e)", "data manifestly made public by the data subject", False
    ),
    "legal_claims": ConditionFact("Art. 9(2)(f)", "legal claims, courts", False),
    "substantial_public_interest": ConditionFact(
        "Art. 9(2)(g)", "substantial public interest", True
    ),
    "health_or_social_care": ConditionFact(
        "Art. 9(2)(h)",
        "preventive or occupational medicine, diagnosis, health or social care",
        True,
        or_contract=True,
    ),
    "public_health": ConditionFact("Art. 9(2)(i)", "public health", True),
    "archiving_research_statistics": ConditionFact(
        "Art. 9(2)(j)", "archiving in the public interest, research, statistics", True
    ),
}

# Art. 10: only under the control of official authority, or when authorised by Union or
# Member State law providing appropriate safeguards.
CRIMINAL_DATA_BASES = {
    "official_authority": "under the control of official authority (Art. 10)",
    "authorised_by_law": "authorised by Union or Member State law with safeguards (Art. 10)",
}
