"""How the register's words map to fideslang, the privacy taxonomy of the fides tools.

Source: fideslang 3.1.4 (PyPI, 2025), default taxonomy (`fideslang/default_taxonomy/`:
data_categories.py, data_uses.py, data_subjects.py) and the enumerations in
`fideslang/models.py` (LegalBasisForProcessingEnum, SpecialCategoryLegalBasisEnum). The
taxonomy is licensed CC BY 4.0; only the keys used here are listed, with our own labels.

A register's data categories and subjects are free text in Latvian or English, so each
taxonomy key carries the word stems that name it in either language; a text maps to the
keys whose stems it contains (folded: lower case, no diacritics), most specific first. The
labels are what `ropa import` writes back for a fides key. docs/fides.md prints this table.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FIDESLANG_VERSION = "3.1.4"


@dataclass(frozen=True)
class TaxonomyTerm:
    key: str
    label: str
    """What the register says for this key when importing (English)."""
    stems: tuple[str, ...]
    """Folded word beginnings (LV and EN) that name it; a stem with a space must match as
    a phrase."""


# Most specific first: the first matching term of a branch wins over its parent.
DATA_CATEGORIES: tuple[TaxonomyTerm, ...] = (
    TaxonomyTerm(
        "user.government_id.national_identification_number",
        "national identification number (personas kods)",
        ("personas kod", "personal code", "personal identity code", "national id", "p.k."),
    ),
    TaxonomyTerm("user.government_id.passport_number", "passport number", ("passport", "pase")),
    TaxonomyTerm(
        "user.government_id.drivers_license_number",
        "driving licence number",
        ("driving licen", "driver's licen", "vaditaja aplieci"),
    ),
    TaxonomyTerm(
        "user.demographic.date_of_birth",
        "date of birth",
        ("date of birth", "birth date", "dzimsanas dat", "dzimsanas gad"),
    ),
    TaxonomyTerm("user.demographic.gender", "gender", ("gender", "dzimum")),
    TaxonomyTerm(
        "user.demographic.race_ethnicity",
        "racial or ethnic origin",
        ("ethnic", "racial", "etnisk", "tautib", "rase", "rases"),
    ),
    TaxonomyTerm(
        "user.demographic.religious_belief", "religious beliefs", ("religio", "religij", "relig")
    ),
    TaxonomyTerm(
        "user.demographic.political_opinion", "political opinions", ("politic", "politisk")
    ),
    TaxonomyTerm(
        "user.demographic.sexual_orientation",
        "sex life or sexual orientation",
        ("sexual orientation", "seksuala orientacij", "sex life", "dzimumdzive"),
    ),
    TaxonomyTerm("user.demographic.language", "language", ("language", "valod")),
    TaxonomyTerm("user.health_and_medical.genetic", "genetic data", ("genetic", "genetisk")),
    TaxonomyTerm(
        "user.health_and_medical",
        "health data",
        ("health", "medical", "diagnos", "diagnoz", "veselib", "medicin", "invalid", "disabilit"),
    ),
    TaxonomyTerm(
        "user.biometric",
        "biometric data",
        ("biometric", "biometrisk", "fingerprint", "pirkstu nospied", "face recogn", "sejas atpaz"),
    ),
    TaxonomyTerm(
        "user.criminal_history",
        "criminal convictions and offences",
        ("criminal", "conviction", "sodamib", "noziedzig", "offence"),
    ),
    TaxonomyTerm(
        "user.contact.email",
        "e-mail address",
        ("e-mail address", "e-mail", "email", "e-pasta adrese", "e-past", "epast"),
    ),
    TaxonomyTerm(
        "user.contact.phone_number",
        "phone number",
        ("phone", "telephone", "talrun", "telefon", "mobile number", "mobila"),
    ),
    TaxonomyTerm("user.device.ip_address", "IP address", ("ip address", "ip adres", "ip-adres")),
    TaxonomyTerm("user.contact.address", "postal address", ("address", "adres")),
    TaxonomyTerm("user.contact", "contact details", ("contact", "kontakt", "saziņas dat")),
    TaxonomyTerm(
        "user.financial.bank_account",
        "bank account",
        ("bank account", "iban", "bankas kont", "konta numur", "norekinu kont"),
    ),
    TaxonomyTerm(
        "user.financial.credit_card",
        "payment card",
        ("credit card", "payment card", "card number", "maksajumu kart", "kartes numur"),
    ),
    TaxonomyTerm(
        "user.payment",
        "payment data",
        ("payment", "maksajum", "norekin", "invoice", "rekin", "apmaks"),
    ),
    TaxonomyTerm(
        "user.financial",
        "financial data",
        ("financ", "income", "salary", "ienakum", "alga", "atalgojum", "kredit", "credit"),
    ),
    TaxonomyTerm(
        "user.behavior.purchase_history",
        "purchase history",
        ("purchase", "order", "pirkum", "pasutijum", "iegad"),
    ),
    TaxonomyTerm(
        "user.behavior.browsing_history",
        "browsing history",
        ("browsing", "pages visited", "parlukosan", "apmekletas lap", "website use"),
    ),
    TaxonomyTerm("user.device.cookie_id", "cookie identifiers", ("cookie", "sikdatn")),
    TaxonomyTerm("user.device", "device data", ("device", "ierice", "iercu", "ierici", "browser")),
    TaxonomyTerm(
        "user.location",
        "location",
        ("location", "gps", "atrasanas viet", "geolocat", "geolokacij"),
    ),
    TaxonomyTerm(
        "user.content.self_image",
        "images and video of the person",
        ("photo", "image", "video", "cctv", "foto", "attel", "videonoverosan", "videoierakst"),
    ),
    TaxonomyTerm(
        "user.authorization.credentials",
        "login credentials",
        ("password", "parol", "credential", "piekluves dat"),
    ),
    TaxonomyTerm(
        "user.account.username", "user name", ("username", "user name", "lietotajvard", "login")
    ),
    TaxonomyTerm(
        "user.account", "user account", ("account", "lietotaja kont", "klienta kont", "profil")
    ),
    TaxonomyTerm(
        "user.job_title", "job title", ("job title", "position", "amat", "profesij", "occupation")
    ),
    TaxonomyTerm(
        "user.workplace", "workplace", ("employer", "workplace", "darbaviet", "darba viet")
    ),
    TaxonomyTerm(
        "user.contact.organization",
        "organisation represented",
        ("company", "organisation", "organization", "uznemum", "organizacij"),
    ),
    TaxonomyTerm(
        "user.unique_id",
        "customer or user identifier",
        ("customer number", "client number", "klienta numur", "identifier", "identifikator"),
    ),
    TaxonomyTerm("user.name", "name", ("name", "vards", "uzvard", "surname", "full name", "vārds")),
)

DATA_USES: tuple[TaxonomyTerm, ...] = (
    TaxonomyTerm(
        "marketing.communications.email",
        "marketing e-mails and newsletters",
        ("newsletter", "jaunum", "zinu lap", "marketing e-mail", "e-pasta marketing"),
    ),
    TaxonomyTerm(
        "marketing.advertising.profiling",
        "interest-based advertising",
        ("targeted advert", "interest-based", "personalised advert", "interesem atbilstos"),
    ),
    TaxonomyTerm("marketing.advertising", "advertising", ("advertis", "reklam")),
    TaxonomyTerm(
        "marketing", "marketing", ("marketing", "marketing", "promotion", "akcij", "konkurs")
    ),
    TaxonomyTerm(
        "employment.recruitment",
        "recruitment",
        ("recruit", "candidate", "job applic", "personala atlas", "kandidat", "vakanc"),
    ),
    TaxonomyTerm(
        "employment",
        "employment",
        ("employment", "employee", "payroll", "darba attiecib", "darbiniek", "personala"),
    ),
    TaxonomyTerm("essential.fraud_detection", "fraud prevention", ("fraud", "krapsan")),
    TaxonomyTerm(
        "essential.service.security",
        "security",
        ("security", "drosib", "cctv", "video surveil", "videonoverosan", "aizsardzib"),
    ),
    TaxonomyTerm(
        "essential.service.payment_processing",
        "payment processing",
        ("payment", "maksajum", "norekin", "apmaks", "billing"),
    ),
    TaxonomyTerm("finance", "accounting", ("accounting", "gramatvedib", "bookkeep", "audit")),
    TaxonomyTerm(
        "essential.service.operations.support",
        "customer support",
        ("support", "customer service", "complaint", "enquir", "atbalst", "apkalposan", "pretenz"),
    ),
    TaxonomyTerm(
        "analytics.reporting",
        "analytics and statistics",
        ("statistic", "analytic", "statistik", "analiz", "research", "izpet"),
    ),
    TaxonomyTerm("personalize", "personalisation", ("personalis", "personaliz", "personalizet")),
    TaxonomyTerm(
        "third_party_sharing.legal_obligation",
        "disclosure to authorities required by law",
        ("authorit", "iestad", "police", "policij", "court", "tiesa"),
    ),
    TaxonomyTerm(
        "essential.legal_obligation",
        "compliance with a legal obligation",
        ("legal obligation", "juridisk pienakum", "likum", "normativ"),
    ),
    TaxonomyTerm(
        "essential.service",
        "providing the service",
        ("order", "deliver", "contract", "service", "pasutijum", "piegad", "ligum", "pakalpojum"),
    ),
)

# When no word of a purpose names a use, the basis decides the least specific fitting one.
USE_BY_BASIS = {
    "contract": "essential.service",
    "legal_obligation": "essential.legal_obligation",
    "public_task": "essential.legal_obligation",
    "vital_interests": "essential",
    "consent": "marketing",
    "legitimate_interests": "operations",
}

DATA_SUBJECTS: tuple[TaxonomyTerm, ...] = (
    TaxonomyTerm(
        "job_applicant", "job applicants", ("applicant", "candidate", "kandidat", "pretendent")
    ),
    TaxonomyTerm(
        "employee", "employees", ("employee", "staff", "worker", "darbiniek", "nodarbinat")
    ),
    TaxonomyTerm("patient", "patients", ("patient", "pacient")),
    TaxonomyTerm(
        "trainee", "pupils and students", ("pupil", "student", "trainee", "skolen", "izglitojam")
    ),
    TaxonomyTerm(
        "next_of_kin", "relatives", ("relative", "next of kin", "family", "radinie", "gimen")
    ),
    TaxonomyTerm("shareholder", "shareholders", ("shareholder", "akcionar", "dalibniek")),
    TaxonomyTerm(
        "supplier_vendor",
        "suppliers and business partners",
        ("supplier", "vendor", "partner", "piegadataj", "sadarbibas partner"),
    ),
    TaxonomyTerm("consultant", "consultants", ("consultant", "konsultant")),
    TaxonomyTerm("passenger", "passengers", ("passenger", "pasazier")),
    TaxonomyTerm("prospect", "prospective customers", ("prospect", "potencial")),
    TaxonomyTerm("citizen_voter", "residents and citizens", ("citizen", "resident", "iedzivotaj")),
    TaxonomyTerm("visitor", "visitors", ("visitor", "apmekletaj", "guest", "viesi")),
    TaxonomyTerm(
        "customer",
        "customers",
        ("customer", "client", "klient", "buyer", "pircej", "subscriber", "abonent", "user"),
    ),
)

LEGAL_BASES = {
    "consent": "Consent",
    "contract": "Contract",
    "legal_obligation": "Legal obligations",
    "vital_interests": "Vital interests",
    "public_task": "Public interest",
    "legitimate_interests": "Legitimate interests",
}

SPECIAL_CATEGORY_BASES = {
    "explicit_consent": "Explicit consent",
    "employment_social_security": "Employment, social security and social protection",
    "vital_interests": "Vital interests",
    "not_for_profit_body": "Not-for-profit bodies",
    "made_public": "Made public by the data subject",
    "legal_claims": "Legal claims or judicial acts",
    "substantial_public_interest": "Reasons of substantial public interest (with a basis in law)",
    "health_or_social_care": "Health or social care (with a basis in law)",
    "public_health": "Public health (with a basis in law)",
    "archiving_research_statistics": "Archiving, research and statistics (with a basis in law)",
}

# Art. 9(1) categories as fides data categories (the register names them by key).
SPECIAL_CATEGORIES = {
    "racial_or_ethnic_origin": "user.demographic.race_ethnicity",
    "political_opinions": "user.demographic.political_opinion",
    "religious_or_philosophical_beliefs": "user.demographic.religious_belief",
    "genetic": "user.health_and_medical.genetic",
    "biometric": "user.biometric",
    "health": "user.health_and_medical",
    "sex_life_or_orientation": "user.demographic.sexual_orientation",
}

TRANSFER_MECHANISMS = {
    "adequacy": "Adequacy Decision",
    "scc": "Standard Contractual Clauses",
    "bcr": "Binding Corporate Rules",
    "art46_other": "Other appropriate safeguards (GDPR Art. 46)",
    "derogation": "Derogation for a specific situation (GDPR Art. 49)",
}


def fold(text: str) -> str:
    """Lower case without diacritics, so `E-pasta adrese` and `e-pasta adrese` match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matching_terms(text: str, terms: tuple[TaxonomyTerm, ...]) -> list[TaxonomyTerm]:
    """Terms whose stems begin a word (or phrase) of `text`, in table order. The words a
    term matched are used up (so `e-pasta adrese` is an e-mail address, not also a postal
    address), and a term whose key is a parent of a key already matched is left out, as
    the child says more."""
    folded = " " + " ".join(fold(text).replace("/", " ").replace("(", " ").split()) + " "
    used = [False] * len(folded)
    found: list[TaxonomyTerm] = []
    for term in terms:
        hit = False
        for stem in term.stems:
            needle = " " + fold(stem)
            start = folded.find(needle)
            while start != -1:
                begin = start + 1
                if not any(used[begin : begin + len(needle) - 1]):
                    end = folded.find(" ", begin + len(needle) - 1)
                    for index in range(begin, end if end != -1 else len(folded)):
                        used[index] = True
                    hit = True
                start = folded.find(needle, start + 1)
        if hit and not any(other.key.startswith(term.key + ".") for other in found):
            found.append(term)
    return found


def term_for(key: str, terms: tuple[TaxonomyTerm, ...]) -> TaxonomyTerm | None:
    for term in terms:
        if term.key == key:
            return term
    return None


def mapping_markdown() -> str:
    """The mapping tables as Markdown (docs/fides.md includes them; a test keeps it in step)."""
    out = []
    for title, terms in (
        ("Data categories", DATA_CATEGORIES),
        ("Data uses (from the purpose's words)", DATA_USES),
        ("Data subjects", DATA_SUBJECTS),
    ):
        out += [f"### {title}", "", "| fides key | imported as | register words (folded stems) |"]
        out.append("|---|---|---|")
        out += [
            f"| `{term.key}` | {term.label} | {', '.join(f'`{stem}`' for stem in term.stems)} |"
            for term in terms
        ]
        out.append("")
    out += ["### Legal bases", "", "| register `basis` | fides `legal_basis_for_processing` |"]
    out.append("|---|---|")
    out += [f"| `{key}` | {label} |" for key, label in LEGAL_BASES.items()]
    out += ["", "When no word of a purpose names a use, its basis decides:", ""]
    out += ["| register `basis` | fides `data_use` |", "|---|---|"]
    out += [f"| `{key}` | `{use}` |" for key, use in USE_BY_BASIS.items()]
    out += ["", "### Art. 9(2) conditions", "", "| register `condition` | fides |", "|---|---|"]
    out += [f"| `{key}` | {label} |" for key, label in SPECIAL_CATEGORY_BASES.items()]
    out += ["", "### Transfer mechanisms", "", "| register `mechanism` | fides |", "|---|---|"]
    out += [f"| `{key}` | {label} |" for key, label in TRANSFER_MECHANISMS.items()]
    return "\n".join(out) + "\n"
