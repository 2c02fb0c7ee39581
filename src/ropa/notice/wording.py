"""Every sentence and heading of a privacy-notice draft, in English and Latvian, in one place.

A key names a piece of wording; its value is the English and the Latvian template, with
`{name}` slots for the register's values. The builder (`ropa.notice.build`) never writes a
sentence of its own, so a translator or a lawyer reviews this one file.

The Latvian wording follows the Data State Inspectorate's own words for what a notice
must say (source DVI-NOTICE: "#dviskaidro: privātuma politika", and the headings of the
inspectorate's own "Privātuma atruna": "Pārziņa identitāte un kontaktinformācija",
"Apstrādes nolūki", "Personas datu saņēmēji vai saņēmēju kategorijas", "Laikposms, cik
ilgi personas dati tiks glabāti") and the official Latvian text of Arts 13 and 14 (VDAR):
"tiesības iesniegt sūdzību uzraudzības iestādei", "apstrādes juridiskais pamats",
"leģitīmās intereses", "automatizēta lēmumu pieņemšana, tostarp profilēšana". The
inspectorate addresses the reader as "Jūs" with a capital letter, as Latvian notices do.
Everyday words around them (e.g. "Kā ar mums sazināties") are plain Latvian and were not
checked against a source.
"""

from __future__ import annotations

from typing import NamedTuple

from ropa.knowledge.sources import cite

SOURCE = cite("VDAR", "GDPR", "DVI-NOTICE")


class Wording(NamedTuple):
    english: str
    latvian: str

    def pick(self, language: str) -> str:
        return self.latvian if language == "lv" else self.english


WORDING: dict[str, Wording] = {
    # ------------------------------------------------------------------ the frame
    "title": Wording("Privacy notice", "Privātuma paziņojums"),
    "draft": Wording(
        "Draft written by the ropa tool from the record of processing activities {register}. "
        "Every place marked {marker} is something the record does not say: complete it "
        "before publishing, and have the whole text read by the person who answers for "
        "data protection.",
        "Melnraksts, sagatavots ar rīku ropa no apstrādes darbību reģistra {register}. "
        "Katra ar {marker} atzīmētā vieta ir tas, ko reģistrs nenorāda: papildiniet to "
        "pirms publicēšanas un lūdziet visu tekstu izlasīt tam, kurš atbild par datu "
        "aizsardzību.",
    ),
    "marker": Wording("TO COMPLETE", "JĀPAPILDINA"),
    "intro": Wording(
        "This notice tells you which personal data we process, why, on what legal basis, "
        "who receives them, how long we keep them and what rights you have (Articles 13 "
        "and 14 of the General Data Protection Regulation, GDPR).",
        "Šajā paziņojumā mēs informējam, kādus personas datus apstrādājam, kādiem nolūkiem "
        "un uz kāda juridiskā pamata, kas tos saņem, cik ilgi tos glabājam un kādas ir Jūsu "
        "tiesības (Vispārīgās datu aizsardzības regulas, VDAR, 13. un 14. pants).",
    ),
    # ------------------------------------------------------------------ controller
    "h_controller": Wording(
        "Who we are and how to contact us", "Pārziņa identitāte un kontaktinformācija"
    ),
    "controller": Wording(
        "The controller of your personal data is {name}.",
        "Jūsu personas datu pārzinis ir {name}.",
    ),
    "registration": Wording("Registration number: {value}.", "Reģistrācijas numurs: {value}."),
    "address": Wording("Address: {value}.", "Adrese: {value}."),
    "contact": Wording("Contact: {value}.", "Kontaktinformācija: {value}."),
    "privacy_contact": Wording(
        "Questions about the processing of your personal data: {value}.",
        "Jautājumi par Jūsu personas datu apstrādi: {value}.",
    ),
    "email": Wording("e-mail {value}", "e-pasts {value}"),
    "phone": Wording("phone {value}", "tālrunis {value}"),
    "website": Wording("website {value}", "tīmekļvietne {value}"),
    "joint": Wording(
        "We decide on some of this processing together with other controllers (joint "
        "controllers, Art. 26): {names}. The essence of our arrangement: {arrangement}.",
        "Daļu šīs apstrādes mēs nosakām kopā ar citiem pārziņiem (kopīgi pārziņi, VDAR "
        "26. pants): {names}. Mūsu vienošanās būtība: {arrangement}.",
    ),
    "h_dpo": Wording("Data protection officer", "Datu aizsardzības speciālists"),
    # "Speciālists: {name}" rather than "ar speciālistu {name}": a name in apposition would
    # have to take the case of the word before it.
    "dpo": Wording(
        "Our data protection officer: {name}; contact: {contact}.",
        "Mūsu datu aizsardzības speciālists: {name}; kontaktinformācija: {contact}.",
    ),
    "no_dpo": Wording(
        "We have not appointed a data protection officer. Please send questions about "
        "your personal data to the contact details above.",
        "Mēs neesam iecēluši datu aizsardzības speciālistu. Jautājumus par saviem personas "
        "datiem, lūdzu, sūtiet, izmantojot iepriekš norādīto kontaktinformāciju.",
    ),
    # ------------------------------------------------------------------ processing
    "h_processing": Wording(
        "What we process, why and on what legal basis",
        "Kādus datus, kādiem nolūkiem un uz kāda juridiskā pamata mēs apstrādājam",
    ),
    "h_all": Wording("For all the processing above", "Visai iepriekš minētajai apstrādei"),
    "planned": Wording(
        "(planned: this processing has not started yet)",
        "(plānota: šī apstrāde vēl nav sākta)",
    ),
    "purposes": Wording("Purposes and legal basis:", "Apstrādes nolūki un juridiskais pamats:"),
    "purpose": Wording(
        "{purpose} — legal basis: {basis}.", "{purpose} — juridiskais pamats: {basis}."
    ),
    "basis": Wording("{name} ({article} GDPR)", "{name} ({article})"),
    "interest": Wording("Our legitimate interest: {value}.", "Mūsu leģitīmās intereses: {value}."),
    "law": Wording("The law that requires or allows it: {value}.", "Tiesību akts: {value}."),
    "contract": Wording("The contract: {value}.", "Līgums: {value}."),
    "withdraw": Wording(
        "You may withdraw your consent at any time; this does not affect processing "
        "before the withdrawal. How: {value}.",
        "Jūs varat jebkurā laikā atsaukt savu piekrišanu; tas neietekmē apstrādes "
        "likumīgumu pirms atsaukuma. Kā to izdarīt: {value}.",
    ),
    "data": Wording("Personal data: {value}.", "Personas dati: {value}."),
    "sources": Wording(
        "Where the data come from: {value}.", "No kurienes mēs iegūstam datus: {value}."
    ),
    "source_subject": Wording("from you", "no Jums"),
    "source_third": Wording("from others", "no citām personām"),
    "source_public": Wording("from publicly available sources", "no publiski pieejamiem avotiem"),
    "source_controller": Wording("created by us", "mēs tos radām paši"),
    "recipients": Wording(
        "Recipients or categories of recipients: {value}.",
        "Personas datu saņēmēji vai saņēmēju kategorijas: {value}.",
    ),
    "no_recipients": Wording(
        "We do not disclose these data to anyone.", "Šos datus mēs nevienam neizpaužam."
    ),
    "transfers": Wording(
        "Transfers outside the EU/EEA: {value}.",
        "Datu nosūtīšana uz valstīm ārpus ES/EEZ: {value}.",
    ),
    "no_transfers": Wording(
        "We do not transfer these data to countries outside the European Union and the "
        "European Economic Area.",
        "Šos datus mēs nenosūtām uz valstīm ārpus Eiropas Savienības un Eiropas Ekonomikas zonas.",
    ),
    # "Valsts: pamats", not "uz {country}": a country name after "uz" would need the
    # dative ("uz Amerikas Savienotajām Valstīm"), which the country list does not give.
    "eea": Wording("a country of the EU/EEA", "ES/EEZ valsts"),
    "permanent": Wording("permanently", "pastāvīgi"),
    "transfer": Wording("{country}: {mechanism}", "{country}: {mechanism}"),
    "copy": Wording("a copy of the safeguards: {value}", "aizsardzības pasākumu kopija: {value}"),
    "retention": Wording("How long we keep them: {value}.", "Cik ilgi mēs tos glabājam: {value}."),
    # The event is the register's own words, in whatever case they were written: after a
    # colon they need not agree with "no".
    "period_from": Wording(
        "{period} (counted from: {event})", "{period} (termiņu skaita no: {event})"
    ),
    # `limit: maximum`: the period is the most the data is kept, not the period itself.
    "period_maximum": Wording("at most {period}", "ilgākais termiņš — {period}"),
    # A second end beside the period (`or_until`, `whichever`).
    "or_until_later": Wording(
        "{period}, or until: {event}, whichever is later",
        "{period} vai līdz: {event}, atkarībā no tā, kas iestājas vēlāk",
    ),
    "or_until_earlier": Wording(
        "{period}, or until: {event}, whichever is earlier",
        "{period} vai līdz: {event}, atkarībā no tā, kas iestājas agrāk",
    ),
    "category_retention": Wording("{category}: {value}", "{category}: {value}"),
    "automated": Wording(
        "Automated decision-making, including profiling: {value}.",
        "Automatizēta lēmumu pieņemšana, tostarp profilēšana: {value}.",
    ),
    "automated_for": Wording(
        "Automated decision-making, including profiling: {value} — for: {activities}.",
        "Automatizēta lēmumu pieņemšana, tostarp profilēšana: {value} — attiecībā uz: "
        "{activities}.",
    ),
    "no_automated": Wording(
        "We take no decisions about you based solely on automated processing.",
        "Mēs nepieņemam par Jums lēmumus, kas balstīti tikai uz automatizētu apstrādi.",
    ),
    "profiling": Wording("Profiling: {value}.", "Profilēšana: {value}."),
    "obligation": Wording(
        "Whether you must provide the data: {value}.",
        "Vai Jums ir pienākums sniegt datus: {value}.",
    ),
    # ------------------------------------------------------------------ rights
    "h_rights": Wording("Your rights", "Jūsu tiesības"),
    "rights_intro": Wording(
        "Which rights you have depends on the legal basis of the processing:",
        "Jūsu tiesības ir atkarīgas no apstrādes juridiskā pamata:",
    ),
    "right_all": Wording("{right} ({article} GDPR)", "{right} ({article})"),
    "right_some": Wording(
        "{right} ({article} GDPR) — for: {activities}",
        "{right} ({article}) — attiecībā uz: {activities}",
    ),
    # Art. 20(1)(b): portability only where the processing is carried out by automated means.
    "right_portability": Wording(
        "{right} ({article} GDPR), where the processing is carried out by automated means — "
        "for: {activities}",
        "{right} ({article}), ja apstrāde tiek veikta ar automatizētiem līdzekļiem — "
        "attiecībā uz: {activities}",
    ),
    "rights_open": Wording("{value} — for: {activities}", "{value} — attiecībā uz: {activities}"),
    "exercise": Wording(
        "To use your rights, contact us: {value}.",
        "Lai izmantotu savas tiesības, sazinieties ar mums: {value}.",
    ),
    "h_complaint": Wording(
        "Right to lodge a complaint", "Tiesības iesniegt sūdzību uzraudzības iestādei"
    ),
    "complaint": Wording(
        "If you believe that we process your personal data unlawfully, you have the right "
        "to lodge a complaint with the supervisory authority, the Data State Inspectorate "
        "(Datu valsts inspekcija): {address}; phone {phone}; e-mail {email}; {website}.",
        "Ja uzskatāt, ka mēs Jūsu personas datus apstrādājam nelikumīgi, Jums ir tiesības "
        "iesniegt sūdzību uzraudzības iestādei – Datu valsts inspekcijai: {address}; "
        "tālrunis {phone}; e-pasts {email}; {website}.",
    ),
    # ------------------------------------------------------------------ placeholders
    "gap_name": Wording("the controller's name", "pārziņa nosaukums"),
    "gap_address": Wording("address", "adrese"),
    "gap_contact": Wording(
        "e-mail, phone or postal address for questions about personal data",
        "e-pasts, tālrunis vai pasta adrese jautājumiem par personas datiem",
    ),
    "gap_dpo": Wording(
        "whether a data protection officer is appointed, and how to contact them",
        "vai ir iecelts datu aizsardzības speciālists un kā ar to sazināties",
    ),
    "gap_dpo_name": Wording("the officer's name", "speciālista vārds"),
    "gap_dpo_contact": Wording("the officer's contact details", "speciālista kontaktinformācija"),
    "gap_arrangement": Wording(
        "the essence of the joint-controller arrangement (Art. 26(2))",
        "kopīgo pārziņu vienošanās būtība (VDAR 26. panta 2. punkts)",
    ),
    "gap_purposes": Wording(
        "the purposes and their legal basis", "apstrādes nolūki un to juridiskais pamats"
    ),
    "gap_basis": Wording("the legal basis", "juridiskais pamats"),
    "gap_undecided": Wording(
        "the record has not decided between {candidates}",
        "reģistrā nav izšķirts starp: {candidates}",
    ),
    "gap_letter": Wording(
        "the record cites a law but not the point of Art. 6(1)",
        "reģistrā minēts tiesību akts, bet ne VDAR 6. panta 1. punkta apakšpunkts",
    ),
    "gap_rights": Wording(
        "the rights that follow once the legal basis is decided",
        "tiesības, kas izriet no juridiskā pamata, kad tas būs noteikts",
    ),
    "gap_interest": Wording(
        "the legitimate interest pursued (Art. 13(1)(d))",
        "īstenotās leģitīmās intereses (VDAR 13. panta 1. punkta d) apakšpunkts)",
    ),
    "gap_law": Wording("the law and its provision", "tiesību akts un tā norma"),
    "gap_withdrawal": Wording(
        "how consent is withdrawn (as easily as it is given)",
        "kā piekrišanu atsaukt (tikpat viegli, kā tā dota)",
    ),
    "gap_data": Wording("the categories of personal data", "personas datu kategorijas"),
    "gap_sources": Wording(
        "where the data come from, if not from the person (Art. 14(2)(f))",
        "datu avots, ja dati nav iegūti no paša datu subjekta (VDAR 14. panta 2. punkta "
        "f) apakšpunkts)",
    ),
    "gap_recipients": Wording(
        "who receives the data, or that no one does",
        "kas datus saņem, vai ka tos nesaņem neviens",
    ),
    "gap_recipient_category": Wording("category of recipient `{id}`", "saņēmēja `{id}` kategorija"),
    "gap_transfers": Wording(
        "whether the data are transferred outside the EU/EEA, where and on what safeguards",
        "vai datus nosūta uz valstīm ārpus ES/EEZ, uz kurieni un ar kādiem aizsardzības pasākumiem",
    ),
    "gap_country": Wording("the country", "valsts"),
    "gap_mechanism": Wording(
        "the transfer mechanism (Art. 45, 46, 47 or 49)",
        "nosūtīšanas pamats (VDAR 45., 46., 47. vai 49. pants)",
    ),
    "gap_copy": Wording(
        "where a copy of the safeguards can be obtained or seen (Art. 13(1)(f))",
        "kur var saņemt vai apskatīt aizsardzības pasākumu kopiju (VDAR 13. panta 1. punkta "
        "f) apakšpunkts)",
    ),
    "gap_retention": Wording(
        "how long the data are kept, or the criteria that decide it",
        "cik ilgi datus glabā, vai kritēriji, pēc kuriem to nosaka",
    ),
    "gap_automated": Wording(
        "whether decisions are made solely by automated means (Art. 22)",
        "vai lēmumus pieņem tikai automatizēti (VDAR 22. pants)",
    ),
    "gap_logic": Wording(
        "meaningful information about the logic involved, its significance and the "
        "envisaged consequences (Art. 13(2)(f))",
        "jēgpilna informācija par loģiku, kā arī šādas apstrādes nozīmīgumu un paredzamajām "
        "sekām (VDAR 13. panta 2. punkta f) apakšpunkts)",
    ),
    "gap_obligation": Wording(
        "whether the law or a contract requires the data, and what happens if they are "
        "not provided (Art. 13(2)(e))",
        "vai datu sniegšana ir likumā vai līgumā noteikta prasība un kādas ir sekas, ja "
        "datus nesniedz (VDAR 13. panta 2. punkta e) apakšpunkts)",
    ),
    "gap_no_activities": Wording(
        "the record holds no active processing activity of ours as controller",
        "reģistrā nav nevienas aktīvas apstrādes darbības, kurā esam pārzinis",
    ),
}

# Transfer mechanisms in plain words (Chapter V; Latvian: VDAR 45.–49. pants).
MECHANISMS: dict[str, Wording] = {
    "adequacy": Wording(
        "on the basis of a European Commission adequacy decision (Art. 45)",
        "pamatojoties uz Eiropas Komisijas lēmumu par aizsardzības līmeņa pietiekamību "
        "(VDAR 45. pants)",
    ),
    "scc": Wording(
        "under standard data protection clauses adopted by the European Commission (Art. 46(2)(c))",
        "ar Eiropas Komisijas pieņemtām standarta datu aizsardzības klauzulām (VDAR "
        "46. panta 2. punkta c) apakšpunkts)",
    ),
    "bcr": Wording(
        "under binding corporate rules (Art. 47)",
        "ar saistošiem uzņēmuma noteikumiem (VDAR 47. pants)",
    ),
    "art46_other": Wording(
        "with appropriate safeguards (Art. 46)", "ar atbilstošām garantijām (VDAR 46. pants)"
    ),
    "derogation": Wording(
        "under a derogation for a specific situation (Art. 49)",
        "izņēmuma kārtā īpašā situācijā (VDAR 49. pants)",
    ),
}


def say(key: str, language: str, **values: str) -> str:
    """The wording `key` in `language` ("lv" or "en"), its slots filled with `values`."""
    template = WORDING[key].pick(language)
    return template.format(**values) if values else template
