"""The stemmer on a declension table: every form of a word meets its other forms, with or
without diacritics, and different words stay apart."""

from __future__ import annotations

import pytest

from ropa.knowledge.text import analyse, cites_law, fold_word, stem

# Each row: the singular and plural forms (nominative, genitive, dative, accusative,
# instrumental, locative) of one noun or adjective, one row per declension and kind.
DECLENSIONS: dict[str, list[str]] = {
    "1st masc. (dati)": ["dati", "datu", "datiem", "datus", "datos"],
    "1st masc. (kods)": ["kods", "koda", "kodam", "kodu", "kodā", "kodi", "kodiem", "kodus"],
    "1st masc. (likums)": ["likums", "likuma", "likumam", "likumu", "likumā", "likumi"],
    "1st masc. -š (pasākums)": ["pasākums", "pasākuma", "pasākumi", "pasākumus", "pasākumiem"],
    "2nd masc. (brālis)": ["brālis", "brāļa", "brālim", "brāli", "brālī", "brāļi", "brāļu"],
    "2nd masc. d/ž (briedis)": ["briedis", "brieža", "briedim", "briedi", "brieži", "briežu"],
    "3rd masc. (tirgus)": ["tirgus", "tirgum", "tirgu", "tirgū", "tirgi", "tirgiem"],
    "4th fem. (persona)": ["persona", "personas", "personai", "personu", "personā", "personām"],
    "4th fem. (veselība)": ["veselība", "veselības", "veselībai", "veselību", "veselībā"],
    "4th fem. (izziņa)": ["izziņa", "izziņas", "izziņai", "izziņu", "izziņām", "izziņās"],
    "5th fem. n/ņ (sīkdatne)": ["sīkdatne", "sīkdatnes", "sīkdatnei", "sīkdatni", "sīkdatņu"],
    "5th fem. (kamera)": ["kamera", "kameras", "kamerai", "kameru", "kamerām"],
    "5th fem. c/č (ierīce)": ["ierīce", "ierīces", "ierīcei", "ierīci", "ierīču", "ierīcēm"],
    "5th fem. t/š (lapsa)": ["lapsa", "lapsas", "lapšu"],
    "6th fem. (nakts)": ["nakts", "naktij", "nakti", "naktī", "naktis", "naktīm"],
    "adjective (tehnisks)": [
        "tehnisks",
        "tehniskais",
        "tehniskā",
        "tehniskie",
        "tehniskos",
        "tehniskajiem",
        "tehniskajam",
        "tehniskās",
        "tehniskām",
    ],
    "adjective (nepieciešams)": [
        "nepieciešams",
        "nepieciešamais",
        "nepieciešamā",
        "nepieciešamo",
        "nepieciešamie",
        "nepieciešamajiem",
        "nepieciešamās",
    ],
    "participle (apstrādāts)": ["apstrādāts", "apstrādāta", "apstrādāti", "apstrādātas"],
    "English plural (employee)": ["employee", "employees"],
    "English plural (category)": ["category", "categories"],
    "English plural (cookie)": ["cookie", "cookies"],
    "English -ing/-ed (process)": ["process", "processes", "processing", "processed"],
    "English -ing (market)": ["marketing", "mārketinga", "mārketings"],
}

DIFFERENT = [
    ("veselība", "veselīgs"),
    ("kods", "kase"),
    ("sīkdatne", "datne"),
    ("persona", "personāls"),
    ("dati", "datne"),
]


@pytest.mark.parametrize("forms", DECLENSIONS.values(), ids=list(DECLENSIONS))
def test_all_forms_share_one_stem(forms: list[str]) -> None:
    stems = {stem(fold_word(form)) for form in forms}
    assert len(stems) == 1, {form: stem(fold_word(form)) for form in forms}


@pytest.mark.parametrize("forms", DECLENSIONS.values(), ids=list(DECLENSIONS))
def test_forms_without_diacritics_share_the_stem(forms: list[str]) -> None:
    plain = {stem(fold_word(form.translate(_ASCII))) for form in forms}
    assert plain == {stem(fold_word(forms[0]))}


_ASCII = str.maketrans("āčēģīķļņšūž", "acegiklnsuz")


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_words_keep_different_stems(one: str, other: str) -> None:
    assert stem(fold_word(one)) != stem(fold_word(other))


def test_tokens_keep_their_spans_through_folding() -> None:
    text = "ĢENĒTISKIE dati — Ļoti"
    tokens = analyse(text).tokens
    assert [text[t.start : t.end] for t in tokens] == ["ĢENĒTISKIE", "dati", "Ļoti"]
    assert [t.word for t in tokens] == ["genetiskie", "dati", "loti"]


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Veselības dati netiek apstrādāti.", True),
        ("Mēs neapstrādājam veselības datus", True),
        ("Veselības dati nav nepieciešami", True),
        ("We do not process health data", True),
        ("We don't process health data", True),
        ("No health data is collected", True),
        ("Health data is never collected", True),
        ("Veselības dati netiek nodoti trešajām personām", False),
        ("Health data is not shared with anyone", False),
        ("Dati iegūti no pacienta: veselības dati", False),
        ("Veselības dati tiek apstrādāti. Personas kods netiek apstrādāts.", False),
        ("Nepieciešamie veselības dati", False),
        ("Veselības dati, bet ne personas kods", False),
    ],
)
def test_negation_scope(text: str, negated: bool) -> None:
    analysed = analyse(text)
    clause = next(t.clause for t in analysed.tokens if t.word.startswith(("veselib", "health")))
    assert analysed.negated(clause) is negated


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("Grāmatvedības likuma 28. pants", True),
        ("saskaņā ar Arhīvu likumu", True),
        ("MK 2017. gada 27. jūnija noteikumi Nr. 385", True),
        ("as required by the Accounting Act", True),
        ("18. punkts: kamēr nepieciešams", False),
        ("as long as legal requirements demand", False),
        ("saskaņā ar normatīvajiem aktiem", False),
        ("Citiem likumīgiem nolūkiem", False),
        ("Bibliotēkas likumisko interešu aizsardzība", False),
        ("Darba likumā noteiktie pienākumi", True),
    ],
)
def test_cites_law(text: str, cites: bool) -> None:
    assert cites_law(text) is cites
