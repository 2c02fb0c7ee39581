"""Words the exports print around the register's own text: headings, labels, values.

Each term has its Latvian and English form and the sources its Latvian form was checked
against. Legal terms come from the official Latvian text of the GDPR (VDAR) and the Data
State Inspectorate's usage, as collected in the glossary of the project's GDPR reference
(section 7, verified unless marked otherwise there); inflected forms of a glossary term
(plural, adjective) name the same sources.

Terms with no sources are everyday Latvian words (address, date, notes), not legal
translations. They were not checked against a source: a Latvian-speaking reviewer should
read them (`UNVERIFIED` lists them). Where a legal concept has no verified Latvian term,
the exports cite the article in the Latvian way instead (`articles.latvian_citation`).
"""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite


class Term(NamedTuple):
    latvian: str
    english: str
    sources: tuple[str, ...] = ()

    @property
    def verified(self) -> bool:
        return bool(self.sources)


_VDAR = cite("VDAR")
_DVI = cite("DVI")
_SCC = cite("VDAR", "SCC-2021")

TERMS: dict[str, Term] = {
    # ------------------------------------------------------------------ legal terms
    # Art. 30 title "Apstrādes darbību reģistrēšana"; DVI: "personas datu apstrādes reģistrs".
    "register": Term("Apstrādes darbību reģistrs", "Record of processing activities", _VDAR),
    "register_short": Term("Reģistrs", "Register", _VDAR),
    "activity": Term("Apstrādes darbība", "Processing activity", _VDAR),
    "activities": Term("Apstrādes darbības", "Processing activities", _VDAR),
    "controller": Term("Pārzinis", "Controller", _VDAR),
    "controllers": Term("Pārziņi", "Controllers", _VDAR),
    "joint_controllers": Term("Kopīgi pārziņi", "Joint controllers", _VDAR),
    "processor": Term("Apstrādātājs", "Processor", _VDAR),
    "representative": Term("Pārstāvis", "Representative", _VDAR),
    "dpo": Term("Datu aizsardzības speciālists", "Data protection officer", _VDAR),
    "data_subject": Term("Datu subjekts", "Data subject", _VDAR),
    "data_subject_categories": Term(
        "Datu subjektu kategorijas", "Categories of data subjects", _VDAR
    ),
    "personal_data_categories": Term(
        "Personas datu kategorijas", "Categories of personal data", _VDAR
    ),
    # GDPR Art. 13(1)(c) "apstrādes juridiskais pamats"; DVI also says "tiesiskais pamats".
    "legal_basis": Term("Apstrādes juridiskais pamats", "Legal basis", _VDAR),
    "recipients": Term("Saņēmēji", "Recipients", _VDAR),
    "recipient_categories": Term("Saņēmēju kategorijas", "Categories of recipients", _VDAR),
    "third_country": Term("Trešā valsts", "Third country", _VDAR),
    "international_organisation": Term(
        "Starptautiska organizācija", "International organisation", _VDAR
    ),
    "transfers": Term("Nosūtīšana", "Transfers", _VDAR),
    "time_limits": Term("Termiņi datu dzēšanai", "Time limits for erasure", _VDAR),
    "security_measures": Term(
        "Tehniskie un organizatoriskie drošības pasākumi",
        "Technical and organisational security measures",
        _VDAR,
    ),
    "technical": Term("tehnisks", "technical", _VDAR),
    "organisational": Term("organizatorisks", "organisational", _VDAR),
    "special_categories": Term(
        "Īpašu kategoriju personas dati", "Special categories of personal data", _VDAR
    ),
    # GDPR Art. 35(3)(b).
    "criminal_data": Term(
        "Personas dati par sodāmību un pārkāpumiem",
        "Personal data relating to criminal convictions and offences",
        _VDAR,
    ),
    "legitimate_interests": Term("Leģitīmās intereses", "Legitimate interests", _VDAR),
    "dpia": Term(
        "Novērtējums par ietekmi uz datu aizsardzību (NIDA)",
        "Data protection impact assessment (DPIA)",
        _VDAR + _DVI,
    ),
    "profiling": Term("Profilēšana", "Profiling", _VDAR),
    "supervisory_authority": Term("Uzraudzības iestāde", "Supervisory authority", _VDAR),
    "adequacy_decision": Term(
        "Lēmums par aizsardzības līmeņa pietiekamību", "Adequacy decision", _VDAR
    ),
    "appropriate_safeguards": Term("Atbilstošas garantijas", "Appropriate safeguards", _VDAR),
    "scc": Term("Standarta datu aizsardzības klauzulas", "Standard data protection clauses", _SCC),
    "bcr": Term("Saistoši uzņēmuma noteikumi", "Binding corporate rules", _VDAR),
    "code_of_conduct": Term("Rīcības kodekss", "Code of conduct", _VDAR),
    "certification": Term("Sertifikācijas mehānisms", "Certification mechanism", _VDAR),
    "derogations": Term("Atkāpes īpašās situācijās", "Derogations for specific situations", _VDAR),
    # The Latvian national identification number; glossary: "LV: personas kods".
    "national_id": Term("Personas kods", "National identification number", _VDAR),
    # Art. 30(1)(a) wording: "kontaktinformācija".
    "contact": Term("Kontaktinformācija", "Contact details", _VDAR),
    "country": Term("Valsts", "Country", _VDAR),
    # ------------------------------------------------------------------ everyday words
    "none": Term("nav", "none"),
    "unknown": Term("nav zināms", "unknown"),
    "yes": Term("jā", "yes"),
    "no": Term("nē", "no"),
    "id": Term("ID", "ID"),
    "name": Term("Nosaukums", "Name"),
    "registration_number": Term("Reģistrācijas numurs", "Registration number"),
    "address": Term("Adrese", "Address"),
    "email": Term("E-pasts", "E-mail"),
    "phone": Term("Tālrunis", "Phone"),
    "website": Term("Tīmekļa vietne", "Website"),
    "person": Term("Kontaktpersona", "Contact person"),
    # Where data protection questions go when that is not a DPO (`privacy_contact`); not
    # the DPO's title ("datu aizsardzības speciālists"), which only a designated DPO bears.
    "privacy_contact": Term(
        "Kontaktinformācija datu aizsardzības jautājumos", "Contact for data protection questions"
    ),
    "employees": Term("Darbinieku skaits", "Number of employees"),
    "public_authority": Term("Publiska iestāde", "Public authority"),
    "privacy_notice": Term("Privātuma politika", "Privacy notice"),
    "privacy_notice_date": Term("Privātuma politikas datums", "Date of the privacy notice"),
    "appointed_on": Term("Iecelts", "Appointed on"),
    "notified_on": Term("Paziņots uzraudzības iestādei", "Notified to the supervisory authority"),
    "external": Term("Ārējs pakalpojumu sniedzējs", "External service provider"),
    "no_dpo": Term("Nav iecelts", "Not designated"),
    "decided_on": Term("Lēmuma datums", "Decided on"),
    "decided_by": Term("Lēmumu pieņēma", "Decided by"),
    "exemption": Term("Atbrīvojums", "Exemption"),
    "export": Term("Eksports", "Export"),
    "export_date": Term("Eksportēšanas datums", "Export date"),
    "register_version": Term("Reģistra versija", "Register version"),
    "not_versioned": Term("nav versiju kontrolē", "not under version control"),
    "uncommitted": Term("ar nesaglabātām izmaiņām", "with uncommitted changes"),
    "source_files": Term("Avota faili", "Source files"),
    "prepared_with": Term("Sagatavots ar", "Prepared with"),
    "counts": Term("Skaits", "Counts"),
    "legend": Term("Apzīmējumi", "Legend"),
    "legend_none": Term(
        "reģistrā norādīts, ka nekas neattiecas", "the register states that nothing applies"
    ),
    "legend_unknown": Term(
        "reģistrā norādīts, ka tas nav zināms", "the register states that this is not known"
    ),
    "legend_empty": Term("tukša šūna", "empty cell"),
    "legend_empty_meaning": Term("reģistrā nav ierakstīts", "not recorded in the register"),
    # The by-activity sheet gathers an activity's empty fields under this label where
    # that keeps the activity on one page.
    "not_recorded": Term("Reģistrā nav ierakstīts", "Not recorded in the register"),
    "owner": Term("Atbildīgais", "Owner"),
    "department": Term("Struktūrvienība", "Department"),
    "last_review": Term("Pēdējā pārskatīšana", "Last review"),
    "next_review": Term("Nākamā pārskatīšana", "Next review"),
    "description": Term("Apraksts", "Description"),
    "notes": Term("Piezīmes", "Notes"),
    "reference": Term("Atsauce", "Reference"),
    "status": Term("Statuss", "Status"),
    "required": Term("Nepieciešams", "Required"),
    "completed_on": Term("Pabeigts", "Completed on"),
    "not_required": Term("nav nepieciešams", "not required"),
    "not_started": Term("nav uzsākts", "not started"),
    "in_progress": Term("notiek", "in progress"),
    "completed": Term("pabeigts", "completed"),
    "period": Term("Termiņš", "Period"),
    "from": Term("Skaitot no", "Counted from"),
    "reason": Term("Pamatojums", "Reason"),
    "statute": Term("Normatīvais akts", "Statute"),
    "criteria": Term("Kritēriji", "Criteria"),
    "contract": Term("Līgums", "Contract"),
    "law": Term("Tiesību akts", "Law"),
    "consent_record": Term("Piekrišanas pierādījums", "Record of consent"),
    "withdrawal": Term("Piekrišanas atsaukšana", "Withdrawal of consent"),
    "parental_consent": Term("Vecāku piekrišana", "Parental consent"),
    "interest": Term("Interese", "Interest"),
    "assessment": Term("Izvērtējums", "Assessment"),
    "sources": Term("Datu avoti", "Sources of the data"),
    "third_party": Term("trešā persona", "third party"),
    "publicly_available": Term("publiski pieejami avoti", "publicly available sources"),
    "sub_processor": Term("apakšapstrādātājs", "sub-processor"),
    "sub_processors": Term("Apakšapstrādātāji", "Sub-processors"),
    "other": Term("cits", "other"),
    "kind": Term("Veids", "Kind"),
    # Commission Implementing Decision (EU) 2023/1795 on the EU-US Data Privacy Framework;
    # its Latvian text names the framework "ES un ASV datu privātuma regulējums".
    "dpf_certified": Term(
        "Sertificēts saskaņā ar ES un ASV datu privātuma regulējumu (DPF)",
        "Certified under the EU-US Data Privacy Framework (DPF)",
        cite("EC-ADEQUACY"),
    ),
    "automated_decisions": Term("Automatizēta lēmumu pieņemšana", "Automated decision-making"),
    "legal_or_similar_effect": Term(
        "Juridiskas vai līdzīgi būtiskas sekas", "Legal or similarly significant effect"
    ),
    "exception": Term("Izņēmums", "Exception"),
    "safeguards": Term("Garantijas", "Safeguards"),
    "official_authority": Term("oficiālas iestādes kontrolē", "under official authority"),
    "authorised_by_law": Term("atļauts ar tiesību aktu", "authorised by law"),
    "justification": Term("Pamatojums", "Justification"),
    "destination": Term("Galamērķis", "Destination"),
    "mechanism": Term("Nosūtīšanas pamats", "Transfer tool"),
    "adequacy_scope": Term("Lēmuma piemērošanas joma", "Scope of the decision"),
    "used_by": Term("Izmanto", "Used by"),
    "processing_for": Term("Apstrāde pārziņa vārdā", "Processing for the controller"),
    "findings": Term("Konstatējumi", "Findings"),
    "code": Term("Kods", "Code"),
    "severity": Term("Līmenis", "Severity"),
    "location": Term("Vieta", "Location"),
    "message": Term("Ziņojums", "Message"),
    "hint": Term("Ieteikums", "Hint"),
    "error": Term("kļūda", "error"),
    "warning": Term("brīdinājums", "warning"),
    "info": Term("informācija", "info"),
    "truncated": Term("saīsināts", "truncated"),
    "not_applicable": Term("neattiecas", "not applicable"),
    "entry": Term("Ieraksts", "Entry"),
    "contents": Term("Saturs", "Contents"),
    # Art. 30(1)(g) "drošības pasākumi", short enough to name a sheet (31 characters).
    "measures": Term("Drošības pasākumi", "Security measures", _VDAR),
    "systems": Term("Sistēmas", "Systems"),
    "provider": Term("Pakalpojuma sniedzējs", "Provider"),
    "data_location": Term("Datu atrašanās vieta", "Location of the data"),
    "systems_location": Term(
        "Sistēmas un datu atrašanās vieta", "Systems and location of the data"
    ),
    "frequency": Term("Biežums", "Frequency"),
    "occasional": Term("neregulāra", "occasional"),
    "regular": Term("regulāra", "regular"),
    # Chapter III of the GDPR, "Datu subjekta tiesības".
    "rights": Term("Datu subjekta tiesības", "Rights of the data subject", _VDAR),
    "children": Term("ietver bērnus", "includes children"),
    "minimum_age": Term("jaunākais vecums", "youngest age"),
    "vulnerable": Term("neaizsargātas personas", "vulnerable persons"),
    "continued": Term("turpinājums", "continued"),
    "continued_rows": Term("Turpinātas rindas", "Continued rows"),
    "continued_rows_meaning": Term(
        "teksts, kas neietilpst vienā rindā, turpinās nākamajās rindās, kas atzīmētas ar ↳",
        "text too long for one row continues on the rows below, marked ↳",
    ),
    "split_sheets": Term("Turpinātas lapas", "Sheets continued"),
    "split_sheets_meaning": Term(
        "vienā Excel lapā var būt ne vairāk kā 1023 lappušu pārtraukumi, tāpēc lapa turpinās "
        "nākamajās lapās",
        "one sheet of Excel holds at most 1,023 page breaks, so the sheet goes on in the "
        "sheets after it",
    ),
    "created_on": Term("Izveidots", "Created"),
    "updated_on": Term("Pēdējās izmaiņas", "Last changed"),
    "transfers_unknown": Term(
        "Darbības, kurām nosūtīšana nav zināma", "Activities whose transfers are unknown"
    ),
    "columns": Term("Kolonnu skaidrojums", "Column guide"),
    "by_activity": Term("Pa darbībām", "By activity"),
    "sheet": Term("Lapa", "Sheet"),
    "heading": Term("Kolonna", "Column"),
    "article": Term("Pants", "Article"),
    "wording": Term("Regulas teksts", "Wording of the Regulation"),
    "page": Term("lapa", "page"),
    # Words of format additions (issue 11); everyday Latvian, not checked against a source.
    "permanent": Term("pastāvīgi", "permanently"),
    "indefinite": Term("uz nenoteiktu laiku", "indefinitely"),
    "file_plan": Term("Lietu nomenklatūra", "File plan"),
    "eea_unspecified": Term("ES/EEZ (valsts nav norādīta)", "EU/EEA (country not stated)"),
    "the_public": Term("sabiedrība (publiskošana)", "the public (publication)"),
    "kind_unknown": Term("veids nav zināms", "kind not known"),
    # The format additions of the corpus's later FORMAT-GAPs; everyday Latvian, not checked.
    "measure_kind_unknown": Term("veids nav norādīts", "kind not stated"),
    "period_maximum": Term("Termiņš (ne ilgāk kā)", "Period (at most)"),
    "or_until": Term("Vai līdz", "Or until"),
    "whichever_later": Term("atkarībā no tā, kas iestājas vēlāk", "whichever is later"),
    "whichever_earlier": Term("atkarībā no tā, kas iestājas agrāk", "whichever is earlier"),
    "certificate": Term("Sertifikāts", "Certificate"),
    "supervisory_registration": Term(
        "Reģistrācija uzraudzības iestādē", "Registration with a supervisory authority"
    ),
    # Issue 12: a recipient inside the organisation; everyday Latvian, not checked.
    "internal_recipient": Term(
        "iekšējs saņēmējs (organizācijas struktūrvienība)", "internal (within the organisation)"
    ),
    "basis_undecided": Term("pamats nav izvēlēts", "basis not decided"),
    "candidates": Term("Iespējamie pamati", "Candidate bases"),
    "basis_letter_unknown": Term(
        "6. panta 1. punkta apakšpunkts nav norādīts", "letter of Art. 6(1) not stated"
    ),
    # Issue 11, section 3 (hfmt2); everyday Latvian, not checked against a source.
    "bases_en_bloc": Term(
        "Pamati, kas norādīti kopā visiem nolūkiem", "Bases listed for all purposes together"
    ),
    "role": Term("Loma", "Role"),
    "activity_status_planned": Term("plānota", "planned"),
    "activity_status_retired": Term("izbeigta", "retired"),
    # Words of the FORMAT-GAP additions (issue 11, section 3); everyday Latvian, not checked
    # against a source. "Pārzinis" and "apstrādātājs" are the VDAR's terms (Art. 4(7), 4(8)).
    "role_unknown": Term(
        "nav zināma (pārzinis vai apstrādātājs)", "not known (controller or processor)"
    ),
    "special_category_unknown": Term(
        "īpašu kategoriju dati (kategorija nav norādīta)",
        "special-category data (category not stated)",
    ),
    "public_tasks": Term("Pārvaldes uzdevumi, ko veic organizācija", "Public tasks performed"),
    "delegated_by": Term("Deleģētājs", "Delegated by"),
    "delegation": Term("Deleģēšanas akts", "Delegation"),
    "listed_in": Term(
        "Katra pārziņa nosaukums un kontaktinformācija", "Each controller's name and contact"
    ),
}

UNVERIFIED = tuple(key for key, term in TERMS.items() if not term.verified)

# Units of ISO 8601 durations, singular and plural. Latvian takes the singular after
# numbers ending in 1 except 11 (1 gads, 21 gads, 11 gadi); English only after 1.
DURATION_UNITS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "Y": (("gads", "gadi"), ("year", "years")),
    "M": (("mēnesis", "mēneši"), ("month", "months")),
    "W": (("nedēļa", "nedēļas"), ("week", "weeks")),
    "D": (("diena", "dienas"), ("day", "days")),
}


def duration_words(amounts: dict[str, int], language: str) -> str:
    """`{"Y": 1, "M": 6}` → "1 gads 6 mēneši" (lv) or "1 year 6 months" (en)."""
    parts = []
    for unit, (latvian, english) in DURATION_UNITS.items():
        count = amounts.get(unit, 0)
        if not count:
            continue
        if language == "lv":
            singular = count % 10 == 1 and count % 100 != 11
            word = latvian[0] if singular else latvian[1]
        else:
            word = english[0] if count == 1 else english[1]
        parts.append(f"{count} {word}")
    return " ".join(parts)
