"""Article citations, and the wording of Article 30 in English and in the official Latvian text."""

from __future__ import annotations

import re
from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("GDPR", "VDAR")

_ARTICLE = re.compile(r"Art\. (\d+)(?:\((\d+)\))?(?:\(([a-z])\))?(?: (second subparagraph))?")
_RANGE = re.compile(r"Arts?\. (\d+)[–-](\d+)")


def latvian_citation(article: str) -> str:
    """`Art. 30(1)(b)` → `VDAR 30. panta 1. punkta b) apakšpunkts`, the Latvian way to cite."""
    match = _ARTICLE.fullmatch(article)
    if match is None:
        span = _RANGE.fullmatch(article)
        # "Art. 44–49" → "VDAR 44.–49. pants", as Latvian legal texts cite a range.
        return f"VDAR {span.group(1)}.–{span.group(2)}. pants" if span else article
    number, paragraph, point, subparagraph = match.groups()
    if point:
        return f"VDAR {number}. panta {paragraph}. punkta {point}) apakšpunkts"
    if subparagraph:
        return f"VDAR {number}. panta {paragraph}. punkta otrā daļa"
    if paragraph:
        return f"VDAR {number}. panta {paragraph}. punkts"
    return f"VDAR {number}. pants"


class ArticleItem(NamedTuple):
    article: str
    english: str
    latvian: str


# Art. 30(1): the controller's record. English: OJ L 119, 4.5.2016. Latvian: the official
# Latvian text (VDAR), as reproduced at privacy-regulation.eu/lv/30.htm and
# gdprinfo.eu/lv/lv-article-30, which agree word for word.
ARTICLE_30_1: tuple[ArticleItem, ...] = (
    ArticleItem(
        "Art. 30(1)(a)",
        "the name and contact details of the controller and, where applicable, the joint "
        "controller, the controller's representative and the data protection officer",
        "pārziņa un attiecīgā gadījumā visu kopīgo pārziņu, pārziņa pārstāvja un datu "
        "aizsardzības speciālista, vārds un uzvārds vai nosaukums un kontaktinformācija",
    ),
    ArticleItem("Art. 30(1)(b)", "the purposes of the processing", "apstrādes nolūki"),
    ArticleItem(
        "Art. 30(1)(c)",
        "a description of the categories of data subjects and of the categories of personal data",
        "datu subjektu kategoriju un personas datu kategoriju apraksts",
    ),
    ArticleItem(
        "Art. 30(1)(d)",
        "the categories of recipients to whom the personal data have been or will be "
        "disclosed including recipients in third countries or international organisations",
        "to saņēmēju kategorijas, kuriem personas dati ir izpausti vai kuriem tos izpaudīs, "
        "tostarp saņēmēji trešās valstīs vai starptautiskās organizācijas",
    ),
    ArticleItem(
        "Art. 30(1)(e)",
        "where applicable, transfers of personal data to a third country or an "
        "international organisation, including the identification of that third country or "
        "international organisation and, in the case of transfers referred to in the second "
        "subparagraph of Article 49(1), the documentation of suitable safeguards",
        "attiecīgā gadījumā, informācija par personas datu nosūtīšanu uz trešo valsti vai "
        "starptautisku organizāciju, tostarp šīs trešās valsts vai starptautiskās "
        "organizācijas identifikācija, un 49. panta 1. punkta otrajā daļā minētās "
        "nosūtīšanas gadījumā – atbilstošo garantiju dokumentācija",
    ),
    ArticleItem(
        "Art. 30(1)(f)",
        "where possible, the envisaged time limits for erasure of the different categories of data",
        "ja iespējams, paredzētie termiņi dažādu kategoriju datu dzēšanai",
    ),
    ArticleItem(
        "Art. 30(1)(g)",
        "where possible, a general description of the technical and organisational security "
        "measures referred to in Article 32(1)",
        "ja iespējams, 32. panta 1. punktā minēto tehnisko un organizatorisko drošības "
        "pasākumu vispārējs apraksts",
    ),
)

# Art. 30(2): the processor's record. Points (c) and (d) repeat the wording of 30(1)(e) and
# (g) in the English text; the Latvian sources agree for (a), (b) and the opening of (c).
ARTICLE_30_2: tuple[ArticleItem, ...] = (
    ArticleItem(
        "Art. 30(2)(a)",
        "the name and contact details of the processor or processors and of each controller "
        "on behalf of which the processor is acting, and, where applicable, of the "
        "controller's or the processor's representative, and the data protection officer",
        "apstrādātāja vai apstrādātāju vārdi un uzvārdi vai nosaukumi un kontaktinformācija "
        "un katra tā pārziņa vārds un uzvārds vai nosaukums un kontaktinformācija, kura "
        "vārdā apstrādātājs darbojas, un attiecīgā gadījumā pārziņa vai apstrādātāja "
        "pārstāvja un datu aizsardzības speciālista vārds un uzvārds un kontaktinformācija",
    ),
    ArticleItem(
        "Art. 30(2)(b)",
        "the categories of processing carried out on behalf of each controller",
        "katra pārziņa vārdā veiktās apstrādes kategorijas",
    ),
    ArticleItem(
        "Art. 30(2)(c)",
        ARTICLE_30_1[4].english,
        ARTICLE_30_1[4].latvian,
    ),
    ArticleItem("Art. 30(2)(d)", ARTICLE_30_1[6].english, ARTICLE_30_1[6].latvian),
)

ARTICLE_30_TITLE = ArticleItem(
    "Art. 30", "Records of processing activities", "Apstrādes darbību reģistrēšana"
)


# What each point asks for in a few words, for column headings: the full wording above is
# too long to head a column and is printed in the workbook's column guide instead. The
# Latvian words are the nouns of the official wording above (or the VDAR glossary terms).
SHORT_WORDING: dict[str, tuple[str, str]] = {
    # article: (English, Latvian)
    "Art. 30(1)(a)": ("Controller and joint controllers", "Pārzinis un kopīgie pārziņi"),
    "Art. 30(1)(b)": ("Purposes of the processing", "Apstrādes nolūki"),
    "Art. 30(1)(c)": ("Data subjects and personal data", "Datu subjekti un personas dati"),
    "Art. 30(1)(d)": ("Categories of recipients", "Saņēmēju kategorijas"),
    "Art. 30(1)(e)": ("Transfers to third countries", "Nosūtīšana uz trešām valstīm"),
    "Art. 30(1)(f)": ("Time limits for erasure", "Termiņi datu dzēšanai"),
    "Art. 30(1)(g)": ("Security measures", "Drošības pasākumi"),
    "Art. 30(2)(a)": ("Controller served", "Pārzinis, kura vārdā darbojas"),
    "Art. 30(2)(b)": ("Categories of processing", "Apstrādes kategorijas"),
    "Art. 30(2)(c)": ("Transfers to third countries", "Nosūtīšana uz trešām valstīm"),
    "Art. 30(2)(d)": ("Security measures", "Drošības pasākumi"),
}
