"""Latvian laws that registers cite, with whether they are still in force.

Registers copy their legal references from privacy notices, and notices outlive the laws
they cite: the Personal Data Protection Law of 2000 was repealed when the Personal Data
Processing Law took effect on 5 July 2018, and the law "On Accounting" when the
Accounting Law took effect on 1 January 2022, and the law "On the Bank of Latvia" when the
Latvijas Bankas likums took effect on 1 January 2023. A rule flags a citation of a repealed law
(`ropa rules LB13`).

Each law has the forms it is cited by (Latvian, in the nominative and genitive, and its
English title), its status and its successor, and its sources: the likumi.lv page where it
was recorded, and a source for the repeal. `verified` is False where a fact was taken
from memory or a secondary source and not checked against likumi.lv; rules then say
"appears to be repealed". Laws marked in force were not re-checked for amendments: only
that they were in force as of the sources' dates (mid-2026).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ropa.knowledge.sources import cite


class Law(NamedTuple):
    id: str
    title: str
    english: str
    # Lower-case forms a citation is recognised by (nominative and genitive of the title,
    # English title, common abbreviations); matched as whole words.
    cited_as: tuple[str, ...]
    in_force: bool
    # For a repealed law: the date it ceased to have effect and the law that replaced it.
    repealed_on: str | None
    successor: str | None
    reference: str  # likumi.lv address, where known
    sources: tuple[str, ...]
    verified: bool
    note: str = ""


LAWS: dict[str, Law] = {
    law.id: law
    for law in (
        Law(
            "FPDAL-2000",
            "Fizisko personu datu aizsardzības likums",
            "Personal Data Protection Law (2000)",
            (
                "fizisko personu datu aizsardzības likums",
                "fizisko personu datu aizsardzības likuma",
                "fizisko personu datu aizsardzības likumu",
                "personal data protection law",
            ),
            in_force=False,
            repealed_on="2018-07-05",
            successor="FPDAL",
            reference="likumi.lv/ta/id/4042",
            sources=cite("FPDAL-2000", "FPDAL"),
            verified=True,
            note="repealed by the transitional provisions of the Personal Data Processing "
            "Law, which took effect on 5 July 2018",
        ),
        Law(
            "FPDAL",
            "Fizisko personu datu apstrādes likums",
            "Personal Data Processing Law",
            (
                "fizisko personu datu apstrādes likums",
                "fizisko personu datu apstrādes likuma",
                "personal data processing law",
            ),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv/ta/id/300099",
            sources=cite("FPDAL"),
            verified=True,
        ),
        Law(
            "LPG",
            'Likums "Par grāmatvedību"',
            "Law on Accounting (1992)",
            (
                'likums "par grāmatvedību"',
                'likuma "par grāmatvedību"',
                '"par grāmatvedību"',
                "„par grāmatvedību”",
                '„par grāmatvedību"',
                "law on accounting",
            ),
            in_force=False,
            repealed_on="2022-01-01",
            successor="GL",
            reference="likumi.lv/doc.php?id=66460",
            sources=cite("LPG", "GL"),
            verified=True,
            note="replaced by the Accounting Law (Grāmatvedības likums, adopted 10 June 2021, "
            "in force 1 January 2022)",
        ),
        Law(
            "GL",
            "Grāmatvedības likums",
            "Accounting Law",
            ("grāmatvedības likums", "grāmatvedības likuma", "accounting law"),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("GL"),
            verified=True,
        ),
        Law(
            "DL",
            "Darba likums",
            "Labour Law",
            ("darba likums", "darba likuma", "labour law"),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("DL"),
            verified=True,
        ),
        Law(
            "CL",
            "Civillikums",
            "Civil Law",
            ("civillikums", "civillikuma", "civil law"),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("CL"),
            verified=True,
        ),
        Law(
            "KL",
            "Komerclikums",
            "Commercial Law",
            ("komerclikums", "komerclikuma", "commercial law"),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("KL"),
            verified=True,
        ),
        Law(
            "PTAL",
            "Patērētāju tiesību aizsardzības likums",
            "Consumer Rights Protection Law",
            (
                "patērētāju tiesību aizsardzības likums",
                "patērētāju tiesību aizsardzības likuma",
                "consumer rights protection law",
            ),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("PTAL"),
            verified=True,
        ),
        Law(
            "PLB",
            'Likums "Par Latvijas Banku"',
            "Law On the Bank of Latvia (1992)",
            (
                'likums "par latvijas banku"',
                'likuma "par latvijas banku"',
                'likumu "par latvijas banku"',
                '"par latvijas banku"',
                "„par latvijas banku”",
                '„par latvijas banku"',
                "law on the bank of latvia",
                '"on the bank of latvia"',
            ),
            in_force=False,
            repealed_on="2023-01-01",
            successor="LBL",
            reference="likumi.lv/ta/id/65544",
            sources=cite("PLB", "LBL"),
            verified=False,
            note="replaced by the Latvijas Bankas likums (adopted 23 September 2021), which "
            "took effect on 1 January 2023 as the Cabinet's annotation to draft 22-TA-2992 "
            "states; the date was not re-read on likumi.lv's page of the law",
        ),
        Law(
            "LBL",
            "Latvijas Bankas likums",
            "Law on Latvijas Banka",
            ("latvijas bankas likums", "latvijas bankas likuma", "law on latvijas banka"),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv/ta/id/326575",
            sources=cite("LBL"),
            verified=True,
        ),
        Law(
            "NILLTPFNL",
            "Noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un proliferācijas "
            "finansēšanas novēršanas likums",
            "Law on the Prevention of Money Laundering and Terrorism and Proliferation Financing",
            (
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un "
                "proliferācijas finansēšanas novēršanas likums",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un "
                "proliferācijas finansēšanas novēršanas likuma",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un "
                "proliferācijas finansēšanas novēršanas likumu",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un "
                "proliferācijas finansēšanas novēršanas likumam",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un "
                "proliferācijas finansēšanas novēršanas likumā",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma "
                "finansēšanas novēršanas likums",
                "noziedzīgi iegūtu līdzekļu legalizācijas un terorisma "
                "finansēšanas novēršanas likuma",
                "nilltpfn likums",
                "nilltpfn likuma",
                "nilltpfn likumu",
                "nilltpfn likumam",
                "nilltpfnl",
                "law on the prevention of money laundering and terrorism and "
                "proliferation financing",
                "law on the prevention of money laundering and terrorism financing",
            ),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv (page not recorded)",
            sources=cite("NILLTPFNL"),
            verified=True,
        ),
        # Cabinet regulations are cited by date and number ("MK 17.08.2010. noteikumi
        # Nr. 788"): the number alone repeats every year, so only forms with the date, or
        # the title, are recognised.
        Law(
            "MK788-2010",
            'MK 17.08.2010. noteikumi Nr. 788 "Valsts izglītības informācijas sistēmas '
            'saturs, uzturēšanas un aktualizēšanas kārtība"',
            "Cabinet Regulation No. 788 of 17 August 2010 on the State Education "
            "Information System",
            (
                "17.08.2010. noteikumi nr. 788",
                "17.08.2010. noteikumi nr.788",
                "17.08.2010. noteikumu nr. 788",
                "17.08.2010. noteikumu nr.788",
                "17.08.2010. noteikumiem nr. 788",
                "17.08.2010. noteikumiem nr.788",
                "17.08.2010. noteikumos nr. 788",
                "17.08.2010. noteikumos nr.788",
                "17.08.2010. noteikumus nr. 788",
                "17.08.2010. noteikumus nr.788",
                "2010. gada 17. augusta noteikumi nr. 788",
                "2010. gada 17. augusta noteikumi nr.788",
                "2010. gada 17. augusta noteikumu nr. 788",
                "2010. gada 17. augusta noteikumu nr.788",
                "2010. gada 17. augusta noteikumiem nr. 788",
                "2010. gada 17. augusta noteikumiem nr.788",
                "2010. gada 17. augusta noteikumos nr. 788",
                "2010. gada 17. augusta noteikumos nr.788",
                "2010. gada 17. augusta noteikumus nr. 788",
                "2010. gada 17. augusta noteikumus nr.788",
                "valsts izglītības informācijas sistēmas saturs, "
                "uzturēšanas un aktualizēšanas kārtība",
                "valsts izglītības informācijas sistēmas saturu, "
                "uzturēšanas un aktualizēšanas kārtība",
                "valsts izglītības informācijas sistēmas satura, "
                "uzturēšanas un aktualizēšanas kārtība",
                "cabinet regulation no. 788 of 17 august 2010",
            ),
            in_force=False,
            repealed_on="2019-06-29",
            successor="MK276-2019",
            reference="likumi.lv (page not recorded)",
            sources=cite("MK788-2010", "MK276-2019"),
            verified=False,
            note="the State Education Information System is now governed by Cabinet "
            "Regulation No. 276 of 25 June 2019 (verified), published 28 June 2019; the date "
            "is the day after, when a Cabinet regulation takes effect unless it says "
            "otherwise; that No. 788 lost force then was not re-read on likumi.lv",
        ),
        Law(
            "MK276-2019",
            'MK 25.06.2019. noteikumi Nr. 276 "Valsts izglītības informācijas sistēmas noteikumi"',
            "Cabinet Regulation No. 276 of 25 June 2019 on the State Education Information System",
            (
                "25.06.2019. noteikumi nr. 276",
                "25.06.2019. noteikumi nr.276",
                "25.06.2019. noteikumu nr. 276",
                "25.06.2019. noteikumu nr.276",
                "25.06.2019. noteikumiem nr. 276",
                "25.06.2019. noteikumiem nr.276",
                "25.06.2019. noteikumos nr. 276",
                "25.06.2019. noteikumos nr.276",
                "25.06.2019. noteikumus nr. 276",
                "25.06.2019. noteikumus nr.276",
                "2019. gada 25. jūnija noteikumi nr. 276",
                "2019. gada 25. jūnija noteikumi nr.276",
                "2019. gada 25. jūnija noteikumu nr. 276",
                "2019. gada 25. jūnija noteikumu nr.276",
                "2019. gada 25. jūnija noteikumiem nr. 276",
                "2019. gada 25. jūnija noteikumiem nr.276",
                "2019. gada 25. jūnija noteikumos nr. 276",
                "2019. gada 25. jūnija noteikumos nr.276",
                "2019. gada 25. jūnija noteikumus nr. 276",
                "2019. gada 25. jūnija noteikumus nr.276",
                "valsts izglītības informācijas sistēmas noteikumi",
                "valsts izglītības informācijas sistēmas noteikumu",
                "valsts izglītības informācijas sistēmas noteikumiem",
                "cabinet regulation no. 276 of 25 june 2019",
            ),
            in_force=True,
            repealed_on=None,
            successor=None,
            reference="likumi.lv/ta/id/307796",
            sources=cite("MK276-2019"),
            verified=True,
        ),
        # Issued under the Personal Data Protection Law of 2000 (its art. 26(1)), whose
        # repeal took the regulation's ground away: Art. 32 GDPR now says what security
        # the controller owes. Cited by date and number, or by its title (the number alone
        # repeats every year).
        Law(
            "MK40-2001",
            'MK 30.01.2001. noteikumi Nr. 40 "Personas datu aizsardzības obligātās tehniskās '
            'un organizatoriskās prasības"',
            "Cabinet Regulation No. 40 of 30 January 2001, mandatory technical and "
            "organisational requirements for the protection of personal data",
            (
                "30.01.2001. noteikumi nr. 40",
                "30.01.2001. noteikumi nr.40",
                "30.01.2001. noteikumu nr. 40",
                "30.01.2001. noteikumu nr.40",
                "30.01.2001. noteikumiem nr. 40",
                "30.01.2001. noteikumiem nr.40",
                "30.01.2001. noteikumos nr. 40",
                "30.01.2001. noteikumos nr.40",
                "30.01.2001. noteikumus nr. 40",
                "30.01.2001. noteikumus nr.40",
                "2001. gada 30. janvāra noteikumi nr. 40",
                "2001. gada 30. janvāra noteikumi nr.40",
                "2001. gada 30. janvāra noteikumu nr. 40",
                "2001. gada 30. janvāra noteikumu nr.40",
                "2001. gada 30. janvāra noteikumiem nr. 40",
                "2001. gada 30. janvāra noteikumiem nr.40",
                "2001. gada 30. janvāra noteikumos nr. 40",
                "2001. gada 30. janvāra noteikumos nr.40",
                "2001. gada 30. janvāra noteikumus nr. 40",
                "2001. gada 30. janvāra noteikumus nr.40",
                "personas datu aizsardzības obligātās tehniskās un organizatoriskās prasības",
                "personas datu aizsardzības obligāto tehnisko un organizatorisko prasību",
                "personas datu aizsardzības obligātajām tehniskajām un organizatoriskajām prasībām",
                "personas datu apstrādes sistēmas aizsardzības "
                "obligātās tehniskās un organizatoriskās prasības",
                "personas datu apstrādes sistēmas aizsardzības "
                "obligāto tehnisko un organizatorisko prasību",
                "mandatory technical and organisational requirements "
                "for the protection of personal data",
                "mandatory technical and organizational requirements "
                "for the protection of personal data",
                "cabinet regulation no. 40 of 30 january 2001",
            ),
            in_force=False,
            repealed_on="2018-07-05",
            successor="FPDAL",
            reference="likumi.lv (page not recorded)",
            sources=cite("MK40-2001", "FPDAL-2000"),
            verified=False,
            note="its own text says it was issued under art. 26(1) of the Personal Data "
            "Protection Law of 2000; a Cabinet regulation issued under a law loses force with "
            "the provision it was issued under, so with that law on 5 July 2018: inferred, "
            "not re-read on likumi.lv; the successor given is the law that replaced its "
            "enabling law: the security owed is now Art. 32 GDPR's",
        ),
    )
}

_FORMS = sorted(
    ((form, law) for law in LAWS.values() for form in law.cited_as),
    key=lambda pair: -len(pair[0]),
)
_PATTERN = re.compile(
    "|".join(rf"(?<!\w){re.escape(form)}(?!\w)" for form, _law in _FORMS), re.IGNORECASE
)
_BY_FORM = dict(_FORMS)


def laws_cited(text: str) -> list[tuple[Law, str]]:
    """The laws of the list that `text` cites, each with the words that cite it."""
    found: list[tuple[Law, str]] = []
    for match in _PATTERN.finditer(text):
        law = _BY_FORM[match.group(0).casefold()]
        if all(law is not seen for seen, _words in found):
            found.append((law, match.group(0)))
    return found


__all__ = ["LAWS", "Law", "laws_cited"]
