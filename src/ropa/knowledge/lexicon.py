"""The concepts rules read in free text, in Latvian and English, and `infer` that finds them.

Each concept is a legal notion the rules care about (a special category of Art. 9(1),
Art. 10 data, a national identifier, children, CCTV, cookies, boilerplate security wording,
endless retention ...), with the article or source that makes it matter, the terms that
express it and the terms that look like it but are not (exclusions: "health and safety",
"veselības apdrošināšana"). The terms are heuristics, not law: they are the words Latvian
and English privacy notices actually use (learned from public notices of clinics, shops,
municipalities, schools and banks), tested as data in tests/text/phrases.yaml.

How a term is written:

- words are matched on their stems (`ropa.knowledge.text.stem`), so any case or number
  matches, with or without diacritics: "veselības dati" finds "veselibas datus";
- a word ending in `*` matches any word beginning with it (after folding): "videonovēroš*"
  finds "videonovērošanas", "biometri*" finds "biometriskie" and "biometric";
- a phrase of several words matches them in order, with at most `gap` other words between
  two of them ("atbilstoši tehniskie un organizatoriskie pasākumi");
- a match inside a negated clause ("netiek apstrādāti", "we do not collect") is returned
  with `negated=True`; a negation that only denies disclosure ("netiek nodoti") negates
  only concepts about disclosure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ropa.knowledge.sources import cite
from ropa.knowledge.text import Analysed, Token, analyse, fold_word, stem

SOURCE = cite("GDPR", "VDAR", "WP248", "WP243", "EPRIVACY", "ISPL", "CJEU-C-439/19")


class Concept(NamedTuple):
    id: str
    label: str
    """How messages name it."""
    article: str
    """Why it matters: the article or guideline."""
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    gap: int = 1
    """Other words allowed between two words of a phrase."""
    disclosure: bool = False
    """A concept about passing data on: negations of disclosure ("netiek publicēti")
    negate it too."""
    negatable: bool = True
    """False where the words already carry their negation ("no time limit", "never
    deleted")."""


def _concepts(*concepts: Concept) -> dict[str, Concept]:
    return {concept.id: concept for concept in concepts}


# The Art. 9(1) categories, keyed as `SpecialCategory` in the register format.
SPECIAL: tuple[str, ...] = (
    "health",
    "genetic",
    "biometric",
    "racial_or_ethnic_origin",
    "political_opinions",
    "religious_or_philosophical_beliefs",
    "trade_union_membership",
    "sex_life_or_orientation",
)

CONCEPTS: dict[str, Concept] = _concepts(
    # ----------------------------------------------------------------- Art. 9(1)
    Concept(
        "health",
        "health data",
        "Art. 9(1), 4(15)",
        (
            "veselības dati",
            "veselības stāvok*",
            "veselības informācija",
            "ziņas par veselību",
            "informācija par veselību",
            "veselības pārbaud*",
            "veselības aprūp*",
            "veselības karte",
            "veselības problēm*",
            "diagnoz*",
            "darbnespēj*",
            "slimības lap*",
            "slimības lapas",
            "slimīb*",
            "invaliditāt*",
            "medicīnisk*",
            "ārstniecīb*",
            "ārstēšan*",
            "anamnēz*",
            "alerģij*",
            "grūtniecīb*",
            "vakcinācij*",
            "potēšan*",
            "recepte",
            "receptes",
            "izmeklējum*",
            "analīžu rezultāt*",
            "ārsta atzinum*",
            "pacienta kart*",
            "psihisk*",
            "garīgā veselība",
            "zobārstniecīb*",
            "health",
            "health data",
            "data concerning health",
            "medical*",
            "diagnos*",
            "sick leave",
            "sickness",
            "illness*",
            "disabilit*",
            "patient record*",
            "medical treatment",
            "treatment plan*",
            "course of treatment",
            "prescription*",
            "allerg*",
            "pregnan*",
            "vaccinat*",
            "mental health",
            "clinical",
            "dental",
            "fit for work",
            "occupational health",
        ),
        exclude=(
            "health and safety",
            "health insurance",
            "veselības apdrošināšan*",
            "darba aizsardzīb*",
            "medicīnas iestād*",
            "ārstniecības iestād*",
            "ārstniecības person*",
            "health care provider",
            "medical institution",
        ),
    ),
    Concept(
        "genetic",
        "genetic data",
        "Art. 9(1), 4(13)",
        ("ģenētisk*", "genetic*", "DNS analīz*", "DNA", "genom*", "DNS paraug*"),
    ),
    Concept(
        "biometric",
        "biometric data",
        "Art. 9(1), 4(14)",
        (
            "biometri*",
            "pirkstu nospiedum*",
            "pirkstu nospied*",
            "fingerprint*",
            "sejas atpazīšan*",
            "sejas attēla atpazīšan*",
            "facial recognition",
            "face recognition",
            "sejas ģeometrij*",
            "iris scan*",
            "varavīksnen*",
            "voice print*",
            "balss paraug*",
        ),
    ),
    Concept(
        "racial_or_ethnic_origin",
        "racial or ethnic origin",
        "Art. 9(1)",
        (
            # Prefixes, not stems: the stem of "rases" meets English "rate".
            "rases*",
            "rasu*",
            "rasei*",
            "rasisk*",
            "etnisk*",
            "tautīb*",
            "racial*",
            "race or ethnic*",
            "ethnic*",
        ),
    ),
    Concept(
        "political_opinions",
        "political opinions",
        "Art. 9(1)",
        (
            "politisk* uzskat*",
            "politisk* pārliecīb*",
            "politisk* piederīb*",
            "partijas biedr*",
            "partijas piederīb*",
            "political opinion*",
            "political view*",
            "political belief*",
            "political affiliation*",
            "party membership",
        ),
    ),
    Concept(
        "religious_or_philosophical_beliefs",
        "religious or philosophical beliefs",
        "Art. 9(1)",
        (
            "reliģisk*",
            "reliģij*",
            "filozofisk* pārliecīb*",
            "filozofisk* uzskat*",
            "konfesi*",
            "ticīb*",
            "religio*",
            "philosophical belief*",
            "faith",
        ),
    ),
    Concept(
        "trade_union_membership",
        "trade union membership",
        "Art. 9(1)",
        ("arodbiedrīb*", "trade union*", "union membership", "union dues", "labour union*"),
    ),
    Concept(
        "sex_life_or_orientation",
        "sex life or sexual orientation",
        "Art. 9(1)",
        (
            "seksuāl* orientācij*",
            "seksuāl* dzīv*",
            "dzimumdzīv*",
            "sexual orientation",
            "sex life",
            "sexual life",
            "sexual preference*",
        ),
    ),
    # ----------------------------------------------------------------- Art. 10, 87
    Concept(
        "criminal",
        "data on criminal convictions and offences",
        "Art. 10 (road-traffic offences too: CJEU C-439/19)",
        (
            "sodāmīb*",
            "sodu reģistr*",
            "sodu reģistrs",
            "kriminālsod*",
            "krimināllie*",
            "kriminālprocess*",
            "noziedzīg* nodarījum*",
            "noziedzīg*",
            "administratīv* pārkāpum*",
            "administratīv* sod*",
            "ceļu satiksmes pārkāpum*",
            "pārkāpumu punkt*",
            "criminal record*",
            "criminal conviction*",
            "criminal offence*",
            "criminal history",
            "criminal background",
            "conviction*",
            "police certificate*",
            "certificate of good conduct",
            "police check*",
            "background check*",
            "traffic offence*",
            "penalty point*",
        ),
    ),
    Concept(
        "national_id",
        "a national identification number",
        "Art. 87",
        (
            "personas kod*",
            "personas kods",
            "personu kod*",
            "p k",
            "pers k",
            "identifikācijas kod*",
            "identifikācijas numur*",
            "personal identity number*",
            "personal identification number*",
            "personal code*",
            "personal number",
            "identity code*",
            "identity number*",
            "national identification number*",
            "national id number*",
            "national insurance number*",
            "national id",
            "social security number*",
            "ssn",
            "pps number*",
            "pesel",
            "isikukood",
            "asmens kod*",
            "henkilötunnus",
            "personnummer",
        ),
        gap=0,
    ),
    # ----------------------------------------------------------------- people
    Concept(
        "children",
        "children",
        "Art. 8, Recital 38; WP248 C7",
        (
            "bērn*",
            "nepilngadīg*",
            "skolēn*",
            "audzēkn*",
            "izglītojam*",
            "pirmsskol*",
            "pusaudž*",
            "mazuļ*",
            "child",
            "children",
            "childs",
            "minor*",
            "pupil*",
            "schoolchild*",
            "kid",
            "kids",
            "under 18",
            "under 16",
            "under 13",
            "juvenile*",
            "infant*",
            "kindergarten*",
            "teenager*",
        ),
        exclude=("minor change*", "minor amendment*", "minorit*"),
    ),
    Concept(
        "employees",
        "employees",
        "WP248 C7 (power imbalance); Art. 88",
        (
            "darbiniek*",
            "nodarbināt*",
            "amatpersona*",
            "amatpersonu",
            "personāl*",
            "darba ņēmēj*",
            "darba devēj*",
            "kandidāt*",
            "pretendent*",
            "amata kandidāt*",
            "employee*",
            "job applicant*",
            "applicant*",
            "candidate*",
            "staff",
            "worker*",
            "personnel",
            "employment",
        ),
    ),
    Concept(
        "patients",
        "patients",
        "WP248 C7",
        ("pacient*", "patient*"),
    ),
    Concept(
        "vulnerable",
        "vulnerable people",
        "WP248 C7",
        (
            "pensionār*",
            "senior*",
            "vecāka gadagājuma",
            "personas ar invaliditāti",
            "patvēruma meklētāj*",
            "bēgļ*",
            "trūcīg*",
            "maznodrošināt*",
            "bāreņ*",
            "aizbildnīb*",
            "sociālā palīdzīb*",
            "sociālo palīdzīb*",
            "sociāl* pakalpojum* saņēmēj*",
            "elderly",
            "asylum seeker*",
            "refugee*",
            "vulnerable",
            "persons with disabilit*",
            "people with disabilit*",
            "social assistance",
            "social welfare",
        ),
    ),
    # ----------------------------------------------------------------- data
    Concept(
        "location",
        "location data",
        "WP248 C3; DVI list item 09",
        (
            "atrašanās viet*",
            "ģeolokācij*",
            "ģeogrāfiskā atrašanās",
            "GPS",
            "transportlīdzekļa izsekošan*",
            "location data",
            "location tracking",
            "real-time location",
            "geolocation",
            "geo-location",
            "whereabouts",
            "vehicle tracking",
        ),
        exclude=(
            "biroja atrašanās viet*",
            "datu atrašanās viet*",
            "serveru atrašanās viet*",
            "servera atrašanās viet*",
            "datu glabāšanas atrašanās viet*",
        ),
    ),
    Concept(
        "financial",
        "financial and payment data",
        "WP248 C4 (data of a highly personal nature)",
        (
            "bankas kont*",
            "konta numur*",
            "norēķinu kont*",
            "IBAN",
            "maksājum* dat*",
            "maksājum* informācij*",
            "maksājumu kart*",
            "kredītkart*",
            "debetkart*",
            "kartes numur*",
            "norēķinu dat*",
            "ienākum*",
            "algas",
            "alga",
            "atalgojum*",
            "kredītvēstur*",
            "kredītreiting*",
            "parāds",
            "parādu",
            "parādsaistīb*",
            "maksātspēj*",
            "finanšu dat*",
            "finanšu informācij*",
            "finanšu stāvokl*",
            "bank account*",
            "account number*",
            "payment card*",
            "card number*",
            "credit card*",
            "debit card*",
            "payment data",
            "payment detail*",
            "payment information",
            "income",
            "salary",
            "salaries",
            "wage*",
            "credit history",
            "debt*",
            "financial data",
            "financial information",
            "financial situation",
            "creditworthiness",
            "solvency",
        ),
    ),
    Concept(
        "communications",
        "the content of communications",
        "WP248 C4; ePrivacy Art. 5(1)",
        (
            "e-pasta saturs",
            "elektronisk* sarakst*",
            "e-pastu saturs",
            "e-pasta sarakst*",
            "sarunu ierakst*",
            "zvanu ierakst*",
            "telefonsarunu ierakst*",
            "tālruņa sarunu ierakst*",
            "sarunas ierakst*",
            "balss ierakst*",
            "ziņojumu saturs",
            "saziņas saturs",
            "content of communication*",
            "communications content",
            "email content*",
            "e-mail content*",
            "content of e-mail*",
            "call recording*",
            "recorded call*",
            "recording of call*",
            "recordings of call*",
            "voice recording*",
            "message content*",
            "content of message*",
            "correspondence",
            "chat log*",
            "chat transcript*",
        ),
        exclude=("correspondence address*", "address for correspondence"),
    ),
    Concept(
        "cctv",
        "video surveillance (CCTV)",
        "Art. 35(3)(c); WP248 C3; EDPB Guidelines 3/2019",
        (
            "videonovēroš*",
            "video novēroš*",
            "videonovērošanas kamer*",
            "novērošanas kamer*",
            "videokamer*",
            "videoierakst*",
            "video ierakst*",
            "video uzraudzīb*",
            "kameru ierakst*",
            "kameras ierakst*",
            "CCTV",
            "video surveillance",
            "video-surveillance",
            "videosurveillance",
            "video monitoring",
            "video recording*",
            "camera footage",
            "video footage",
            "CCTV footage",
            "security camera*",
            "surveillance camera*",
            "body camera*",
            "bodycam*",
            "body-worn camera*",
            "dashcam*",
            "ķermeņa kamer*",
        ),
    ),
    Concept(
        "public_area",
        "a publicly accessible area",
        "Art. 35(3)(c)",
        (
            "publisk* viet*",
            "publisk* teritorij*",
            "publiski pieejam* viet*",
            "publiski pieejam* teritorij*",
            "iela",
            "laukum*",
            "parks",
            "stāvviet*",
            "autostāvviet*",
            "sabiedrisk* transport*",
            "public area*",
            "public place*",
            "public space*",
            "publicly accessible",
            "street*",
            "car park*",
            "parking",
            "public transport",
        ),
        gap=2,
    ),
    # ----------------------------------------------------------------- practices
    Concept(
        "marketing",
        "marketing",
        "Art. 21(2)-(3); ISPL section 9 (commercial communications)",
        (
            "mārketing*",
            "tiešā mārketing*",
            "reklām*",
            "komerciāl* paziņojum*",
            "jaunumu vēstul*",
            "jaunumu",
            "jaunumus",
            "jaunumi",
            "piedāvājum* sūtīš*",
            "īpaš* piedāvājum*",
            "personalizēt* piedāvājum*",
            "lojalitātes programm*",
            "klientu lojalitāt*",
            "marketing",
            "direct marketing",
            "newsletter*",
            "promotional",
            "advertis*",
            "ads",
            "offers",
            "special offer*",
            "tailored offer*",
            "commercial communication*",
            "loyalty programme*",
            "loyalty program*",
        ),
        exclude=(
            "job offer*",
            "darba piedāvājum*",
            "job advert*",
            "vacancy advert*",
            "recruitment advert*",
        ),
    ),
    Concept(
        "cookies",
        "cookies and similar tracking technologies",
        "ePrivacy Directive Art. 5(3)",
        (
            "sīkdatn*",
            "sīkfail*",
            "cookie*",
            "pikseļ*",
            "pixel*",
            "web beacon*",
            "tracking technolog*",
            "izsekošanas tehnoloģij*",
            "local storage",
            "device fingerprint*",
            "Google Analytics",
            "Meta Pixel",
            "Facebook Pixel",
            "tag manager",
            "SDK",
        ),
    ),
    Concept(
        "cookies_necessary",
        "strictly necessary cookies",
        "ePrivacy Art. 5(3), second sentence (no consent needed)",
        (
            "nepieciešam* sīkdatn*",
            "noteikti nepieciešam* sīkdatn*",
            "tehnisk* sīkdatn*",
            "obligāt* sīkdatn*",
            "būtisk* sīkdatn*",
            "neatņemam* sīkdatn*",
            "sesijas sīkdatn*",
            "strictly necessary cookie*",
            "necessary cookie*",
            "essential cookie*",
            "technical cookie*",
            "session cookie*",
        ),
    ),
    Concept(
        "targeted_ads",
        "interest-based advertising and tracking",
        "ePrivacy Art. 5(3); Art. 21(2)-(3); Art. 4(4), 22; WP248 C1",
        (
            "mērķēt* reklām*",
            "mērķtiecīg* reklām*",
            "personalizēt* reklām*",
            "pielāgot* reklām*",
            "interesēm atbilstoš*",
            "atbilstoši interesēm",
            "atbilstoši jūsu interesēm",
            "jūsu interesēm",
            "mērķauditorij*",
            "remārketing*",
            "retargeting",
            "remarketing",
            "lietotāj* izsekošan*",
            "apmeklētāj* izsekošan*",
            "izsekošanas sīkdatn*",
            "izseko* citās vietnēs",
            "targeted advertis*",
            "targeted ad*",
            "interest-based",
            "interest based",
            "behavioural advertis*",
            "behavioral advertis*",
            "personalised ad*",
            "personalized ad*",
            "personalised offer*",
            "personalized offer*",
            "tailored to your interest*",
            "based on your interest*",
            "custom audience*",
            "lookalike",
            "cross-site",
            "online tracking",
            "ad tracking",
            "tracking cookie*",
            "tracking pixel*",
            "behavioural tracking",
            "behavioral tracking",
            "tracker*",
        ),
        exclude=(
            "sūtījum* izsekošan*",
            "pasūtījum* izsekošan*",
            "paku izsekošan*",
            "order tracking",
            "parcel tracking",
            "shipment tracking",
            "tracking number*",
            "time tracking",
            "track your order",
        ),
        gap=2,
    ),
    Concept(
        "profiling",
        "profiling or scoring",
        "Art. 4(4), 21, 22; WP248 C1",
        (
            "profilēšan*",
            "profilēj*",
            "profilēt",
            "profiling*",
            "profiled*",
            "segmentācij*",
            "segmentēš*",
            "klientu segment*",
            "uzvedības analīz*",
            "paradumu analīz*",
            "iepirkšanās paradum*",
            "kredītspējas novērtē*",
            "maksātspējas novērtē*",
            "maksātspējas vērtē*",
            "riska novērtē*",
            "kredītreiting*",
            "scoring",
            "credit scor*",
            "credit check*",
            "creditworthiness assessment*",
            "assessment of creditworthiness",
            "segmentation",
            "behavioural analysis",
            "behavioral analysis",
            "purchase history analys*",
            "predict*",
        ),
        gap=2,
    ),
    Concept(
        "automated_decisions",
        "decisions based solely on automated processing",
        "Art. 22",
        (
            "automatizēt* lēmum*",
            "automātisk* lēmum*",
            "automatizēt* lēmumu pieņemšan*",
            "automated decision*",
            "automatic decision*",
            "automated decision-making",
            "solely automated",
            "automatically decide*",
            "automatically reject*",
        ),
        gap=2,
    ),
    Concept(
        "monitoring",
        "systematic monitoring of people",
        "WP248 C3; DVI list items 05, 07, 08",
        (
            "darbinieku uzraudzīb*",
            "darbinieku novērošan*",
            "darba vietas uzraudzīb*",
            "e-pasta uzraudzīb*",
            "datoru uzraudzīb*",
            "employee monitoring",
            "monitoring of employee*",
            "monitoring of staff",
            "staff monitoring",
            "keystroke*",
            "screen recording*",
            "systematic monitoring",
        ),
    ),
    Concept(
        "innovative",
        "innovative technology",
        "WP248 C8; DVI list item 06",
        (
            "mākslīg* intelekt*",
            "mašīnmācīš*",
            "neironu tīkl*",
            "sejas atpazīšan*",
            "lietu internet*",
            "viedierīč*",
            "tērzēšanas robot*",
            "čatbot*",
            "dron*",
            "artificial intelligence",
            "machine learning",
            "neural network*",
            "facial recognition",
            "internet of things",
            "IoT",
            "chatbot*",
            "drone*",
            "blockchain",
            "wearable*",
            "smart meter*",
            "viedskaitītāj*",
        ),
    ),
    Concept(
        "large_scale",
        "large-scale processing",
        "Art. 35(3)(b)-(c), 37(1); Recital 91; WP243",
        (
            "liela apjoma",
            "lielā apjomā",
            "lielapjoma",
            "plaša mēroga",
            "plašā mērogā",
            "liela mēroga",
            "lielā mērogā",
            "valsts mērog*",
            "visi iedzīvotāj*",
            "visu iedzīvotāju",
            "visiem iedzīvotājiem",
            "valsts reģistr*",
            "valsts informācijas sistēm*",
            "large scale",
            "large-scale",
            "nationwide",
            "national register*",
            "all resident*",
            "all citizen*",
            "whole population",
            "million*",
            "miljon*",
        ),
    ),
    Concept(
        "publication",
        "publication to the public",
        "Art. 5(1)(c), 6; recipients are the public",
        (
            "publicē*",
            "publiskot*",
            "publiskoš*",
            "publiski pieejam*",
            "sociālaj* tīkl*",
            "sociālo tīklu",
            "publish*",
            "made public",
            "publicly available",
            "public register",
            "social media",
        ),
        disclosure=True,
    ),
    # ----------------------------------------------------------------- wording
    Concept(
        "security_boilerplate",
        "boilerplate security wording",
        "Art. 30(1)(g), 32(1)",
        (
            "atbilstoš* tehnisk* un organizatorisk*",
            "atbilstoš* tehnisk* organizatorisk*",
            "tehnisk* un organizatorisk* pasākum*",
            "tehnisk* un organizatorisk* drošības pasākum*",
            "organizatorisk* un tehnisk* pasākum*",
            "atbilstoš* drošības pasākum*",
            "nepieciešam* drošības pasākum*",
            "dažād* tehnisk* risinājum*",
            "dažād* drošības pasākum*",
            "visu iespējam*",
            "visus iespējam*",
            "visu nepieciešam*",
            "visus nepieciešam*",
            "visus saprātīg*",
            "visu saprātīg*",
            "saprātīg* pasākum*",
            "saprātīg* drošības",
            "normatīvo aktu prasīb*",
            "normatīvajiem aktiem atbilstoš*",
            "privātuma politik*",
            "appropriate technical and organi*",
            "appropriate technical organi*",
            "technical and organi* measure*",
            "organi* and technical measure*",
            "appropriate measure*",
            "appropriate security*",
            "adequate security",
            "adequate measure*",
            "reasonable measure*",
            "reasonable security",
            "reasonable step*",
            "all reasonable",
            "industry standard*",
            "industry-standard",
            "everything possible",
            "best effort*",
            "general assurance",
            "integrity confidentiality and security",
            "integrity confidentiality",
            "confidentiality integrity and availability",
            "against loss alteration",
            "against unauthori* access",
            "against accidental loss",
            "loss alteration disclosure",
            "privacy policy",
            "in accordance with gdpr",
            "in line with gdpr",
        ),
        gap=2,
    ),
    Concept(
        "security_concrete",
        "a concrete security measure",
        "Art. 32(1)(a)-(d)",
        (
            "šifrē*",
            "šifrēt*",
            "kriptogrāfij*",
            "pseidonimizē*",
            "pseidonimizācij*",
            "anonimizē*",
            "piekļuves kontrol*",
            "piekļuves tiesīb*",
            "piekļuves ierobežo*",
            "parol*",
            "divfaktoru",
            "divu faktoru",
            "rezerves kopij*",
            "dublējum*",
            "ugunsmūr*",
            "antivīrus*",
            "pretvīrus*",
            "žurnālē*",
            "auditācijas pier*",
            "apmācīb*",
            "konfidencialitātes saistīb*",
            "konfidencialitātes līgum*",
            "slēdzam* skap*",
            "slēgt* skap*",
            "seif*",
            "signalizācij*",
            "apsardz*",
            "fiziskā piekļuv*",
            "encrypt*",
            "cryptograph*",
            "pseudonymi*",
            "anonymi*",
            "access control*",
            "access right*",
            "role-based",
            "least privilege",
            "need-to-know",
            "password*",
            "two-factor",
            "multi-factor",
            "2FA",
            "MFA",
            "backup*",
            "back-up*",
            "firewall*",
            "antivirus",
            "anti-virus",
            "malware",
            "logging",
            "audit log*",
            "audit trail*",
            "training",
            "confidentiality agreement*",
            "non-disclosure",
            "locked",
            "lockable",
            "TLS",
            "SSL",
            "VPN",
            "ISO 27001",
            "ISO/IEC 27001",
            "penetration test*",
            "vulnerability scan*",
            "patch*",
            "intrusion detection",
            "physical access",
        ),
    ),
    Concept(
        "retention_vague",
        "a retention stated only as 'as long as necessary'",
        "Art. 5(1)(e), 13(2)(a)",
        (
            "kamēr nepieciešam*",
            "kamēr tas nepieciešam*",
            "kamēr tie nepieciešam*",
            "kamēr tas ir nepieciešam*",
            "kamēr ir nepieciešam*",
            "kamēr pastāv nepieciešamīb*",
            "tik ilgi cik",
            "cik ilgi nepieciešam*",
            "cik ilgi tas nepieciešam*",
            "nepieciešamo laiku",
            "nepieciešamajā termiņā",
            "nepieciešamo termiņu",
            "ne ilgāk kā nepieciešam*",
            "ne ilgāk kā tas nepieciešam*",
            "ne ilgāk par nepieciešam*",
            "līdz nolūka sasniegšan*",
            "līdz mērķa sasniegšan*",
            "līdz apstrādes mērķa sasniegšan*",
            "līdz apstrādes nolūka sasniegšan*",
            "nolūka sasniegšanai nepieciešam*",
            "noteiktu laika period*",
            "noteiktu laiku",
            "saprātīgu laiku",
            "saprātīgā termiņā",
            "normatīvajos aktos noteikt* termiņ*",
            "normatīvajos aktos noteiktajā",
            "normatīvo aktu noteikt* termiņ*",
            "saskaņā ar normatīvajiem aktiem",
            "atbilstoši normatīvajiem aktiem",
            "as long as necessary",
            "as long as needed",
            "as long as required",
            "as long as it is necessary",
            "as long as is necessary",
            "as long as we need",
            "as long as legal requirement*",
            "as long as the law",
            "as long as legally required",
            "as required by law",
            "in accordance with legal requirement*",
            "in accordance with applicable law*",
            "according to legal requirement*",
            "no longer than necessary",
            "no longer than is necessary",
            "no longer than needed",
            "for the period necessary",
            "for the time necessary",
            "for the duration necessary",
            "while still needed",
            "while needed",
            "while necessary",
            "while it is needed",
            "still needed for the purpose",
            "until the purpose is achieved",
            "until the purpose",
            "for a certain period",
            "for a reasonable period",
            "for a limited period",
            "reasonable time",
            "as long as we have a legitimate",
            "statutory period*",
            "legal retention period*",
        ),
        gap=2,
        negatable=False,
    ),
    Concept(
        "retention_endless",
        "an endless or permanent retention",
        "Art. 5(1)(e)",
        (
            "pastāvīg*",
            "beztermiņ*",
            "bez termiņa",
            "bez termiņ* ierobežojum*",
            "neierobežot* laik*",
            "neierobežotu termiņu",
            "nenoteiktu laiku",
            "uz nenoteiktu",
            "mūžīg*",
            "indefinite*",
            "permanent*",
            "forever",
            "no time limit",
            "unlimited period",
            "unlimited time",
            "without time limit",
            "never deleted",
            "never erased",
        ),
        exclude=(
            "pastāvīgā dzīvesviet*",
            "pastāvīg* uzturēšan*",
            "permanent residen*",
            "pastāvīg* sīkdatn*",
            "persistent cookie*",
            "permanent cookie*",
        ),
        negatable=False,
    ),
    Concept(
        "retention_file_plan",
        "a retention set by the file plan (lietu nomenklatūra)",
        "Art. 30(1)(f); Arhīvu likums",
        (
            "lietu nomenklatūr*",
            "nomenklatūr*",
            "dokumentu nomenklatūr*",
            "arhīva glabāšan*",
            "arhīvā",
            "arhivē*",
            "file plan*",
            "file classification scheme*",
            "records schedule*",
            "retention schedule*",
            "records management schedule*",
            "archiv*",
        ),
    ),
)


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True, slots=True)
class Inference:
    """A concept found in a text: where (`start`, `end` in the original string), the words
    that made it (`matched`), and whether a negation covers it."""

    concept: str
    start: int
    end: int
    matched: str
    negated: bool

    @property
    def label(self) -> str:
        return CONCEPTS[self.concept].label


# A word of a term: a stem to equal, or a folded prefix to begin with.
_Word = tuple[bool, str]


class _Term(NamedTuple):
    concept: str
    words: tuple[_Word, ...]
    gap: int
    exclusion: bool


def _compile_word(word: str) -> _Word:
    if word.endswith("*"):
        return (True, fold_word(word[:-1]))
    return (False, stem(fold_word(word)))


def _compile(term: str, concept: str, gap: int, exclusion: bool) -> _Term:
    words = [w for w in fold_word(term).replace("-", " ").replace("/", " ").split() if w]
    # Words of one letter or none (after punctuation) carry nothing but "p k".
    cleaned = [w.strip(".,;:()'\"") for w in words]
    return _Term(
        concept,
        tuple(_compile_word(w) for w in cleaned if w.strip("*")),
        gap,
        exclusion,
    )


class _Index(NamedTuple):
    exact: dict[str, list[_Term]]
    prefixes: dict[str, list[_Term]]


_PREFIX_KEY = 3


def _build_index(concepts: Iterable[Concept]) -> _Index:
    exact: dict[str, list[_Term]] = {}
    prefixes: dict[str, list[_Term]] = {}
    for concept in concepts:
        for text, exclusion in [(t, False) for t in concept.terms] + [
            (t, True) for t in concept.exclude
        ]:
            term = _compile(text, concept.id, concept.gap, exclusion)
            if not term.words:
                continue
            is_prefix, value = term.words[0]
            if is_prefix:
                prefixes.setdefault(value[:_PREFIX_KEY], []).append(term)
            else:
                exact.setdefault(value, []).append(term)
    return _Index(exact, prefixes)


_INDEX = _build_index(CONCEPTS.values())


def _word_matches(word: _Word, token: Token) -> bool:
    is_prefix, value = word
    if is_prefix:
        return token.word.replace("'", "").startswith(value) or token.word.startswith(value)
    return token.stem == value


def _match_rest(term: _Term, tokens: tuple[Token, ...], first: int) -> int | None:
    """The index of the last token of `term` matched from `tokens[first]`, if it matches."""
    at = first
    for word in term.words[1:]:
        for candidate in range(at + 1, min(at + 2 + term.gap, len(tokens))):
            if _word_matches(word, tokens[candidate]):
                at = candidate
                break
        else:
            return None
    return at


def _candidates(token: Token) -> list[_Term]:
    found = list(_INDEX.exact.get(token.stem, ()))
    for term in _INDEX.prefixes.get(token.word[:_PREFIX_KEY], ()):
        if token.word.startswith(term.words[0][1]):
            found.append(term)
    return found


@lru_cache(maxsize=131072)
def infer(text: str) -> tuple[Inference, ...]:
    """Every concept the text mentions, in order, each once per place (cached per string)."""
    if not text or not text.strip():
        return ()
    analysed = analyse(text)
    tokens = analysed.tokens
    hits: dict[str, list[tuple[int, int]]] = {}
    excluded: dict[str, list[tuple[int, int]]] = {}
    for index, token in enumerate(tokens):
        for term in _candidates(token):
            last = _match_rest(term, tokens, index) if len(term.words) > 1 else index
            if last is None:
                continue
            target = excluded if term.exclusion else hits
            target.setdefault(term.concept, []).append((index, last))
    result: list[Inference] = []
    for concept, spans in hits.items():
        blocked = excluded.get(concept, [])
        taken: list[tuple[int, int]] = []
        for first, last in sorted(spans, key=lambda span: (span[0], -span[1])):
            if any(first <= b_last and b_first <= last for b_first, b_last in blocked):
                continue
            if any(first <= t_last and t_first <= last for t_first, t_last in taken):
                continue
            taken.append((first, last))
            result.append(_inference(analysed, concept, first, last))
    return tuple(sorted(result, key=lambda item: (item.start, item.concept)))


def _inference(analysed: Analysed, concept: str, first: int, last: int) -> Inference:
    tokens = analysed.tokens
    start, end = tokens[first].start, tokens[last].end
    clause = tokens[first].clause
    fact = CONCEPTS[concept]
    negated = fact.negatable and analysed.negated(clause, disclosure=fact.disclosure)
    return Inference(concept, start, end, analysed.text[start:end], negated)


def mentions(text: str, concept: str) -> Inference | None:
    """The first place the text states `concept` (not negated), if any."""
    for inference in infer(text):
        if inference.concept == concept and not inference.negated:
            return inference
    return None


def stated(text: str) -> dict[str, Inference]:
    """Each concept the text states (not negated), with its first place."""
    found: dict[str, Inference] = {}
    for inference in infer(text):
        if not inference.negated:
            found.setdefault(inference.concept, inference)
    return found


__all__ = ["CONCEPTS", "SPECIAL", "Concept", "Inference", "infer", "mentions", "stated"]
