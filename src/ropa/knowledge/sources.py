"""Where every legal fact in `ropa.knowledge` comes from.

Each fact names one or more of these source ids. A fact that could not be checked against
a source is marked unverified where it is defined, and rules do not state it as fact.
Status of the whole collection: checked against these sources as of mid-2026.
"""

from __future__ import annotations

from typing import NamedTuple


class Source(NamedTuple):
    id: str
    title: str
    reference: str


SOURCES: dict[str, Source] = {
    source.id: source
    for source in (
        Source(
            "GDPR",
            "Regulation (EU) 2016/679 (General Data Protection Regulation), English text",
            "OJ L 119, 4.5.2016, p. 1; eur-lex.europa.eu, CELEX 32016R0679",
        ),
        Source(
            "VDAR",
            "Regula (ES) 2016/679 (Vispārīgā datu aizsardzības regula), Latvian text",
            "OJ L 119, 4.5.2016; as reproduced at privacy-regulation.eu/lv/30.htm and "
            "gdprinfo.eu/lv/lv-article-30 (Art. 30), gdprinfo.eu/lv (Arts 7, 8, 27, 35, 46, 49)",
        ),
        Source(
            "WP29-30.5",
            "Article 29 Working Party, position paper on the derogations from the obligation "
            "to maintain records of processing activities pursuant to Article 30(5) GDPR",
            "19 April 2018; endorsed by the EDPB on 25 May 2018",
        ),
        Source(
            "WP248",
            "Article 29 Working Party, Guidelines on Data Protection Impact Assessment "
            "(WP248 rev.01)",
            "4 October 2017; endorsed by the EDPB on 25 May 2018",
        ),
        Source(
            "DVI-35.4",
            "Datu valsts inspekcija, list of processing operations requiring a DPIA (Art. 35(4))",
            "Order No. 1-2.1/125 of 18 December 2018; EDPB Opinion 14/2018",
        ),
        Source(
            "DVI-35.5",
            "Datu valsts inspekcija, list of processing operations for which no DPIA is "
            "required (Art. 35(5))",
            "final after EDPB Opinion 6/2024 of 16 April 2024",
        ),
        Source(
            "EC-ADEQUACY",
            "European Commission, adequacy decisions",
            "commission.europa.eu, 'Adequacy decisions'; COM(2024) 7 (review of the 11 "
            "pre-GDPR decisions)",
        ),
        Source(
            "EEA",
            "EU and EEA membership",
            "Treaty on European Union (27 Member States); EEA Agreement (Iceland, "
            "Liechtenstein, Norway); Art. 355 TFEU (outermost regions)",
        ),
        Source(
            "SCC-2021",
            "Commission Implementing Decision (EU) 2021/914 on standard contractual "
            "clauses for transfers to third countries",
            "OJ L 199, 7.6.2021, p. 31",
        ),
        Source(
            "FPDAL",
            "Fizisko personu datu apstrādes likums (Personal Data Processing Law)",
            "adopted 21 June 2018, in force 5 July 2018; likumi.lv/ta/id/300099",
        ),
        Source(
            "DVI-DPO-LIST",
            "Datu valsts inspekcija, 'Datu aizsardzības speciālistu saraksts' (the list of "
            "data protection specialists), and Cabinet Regulation No. 620 of 6 October 2020 "
            "'Datu aizsardzības speciālista kvalifikācijas noteikumi'",
            "dvi.gov.lv/lv/datu-aizsardzibas-specialistu-saraksts: the Inspectorate keeps the "
            "list under section 18(1) of the Personal Data Processing Law and lists only "
            "those who passed its qualification exam; DVI news of its exams: the exam is "
            "voluntary, and a DPO may act without it; Regulation No. 620 (Latvijas "
            "Vēstnesis 2020/195.5) issued under sections 18(5) and 19(3). The sections are "
            "as these documents cite them; the law's own text was not read",
        ),
        Source(
            "DVI",
            "Datu valsts inspekcija (Data State Inspectorate), contact details and guidance",
            "dvi.gov.lv; '#dviskaidro Tiesiskie pamati vienkopus'",
        ),
        Source(
            "GL",
            "Grāmatvedības likums (Accounting Law), in force 1 January 2022",
            "likumi.lv; section 28 (retention of accounting documents)",
        ),
        Source(
            "FPDAL-2000",
            "Fizisko personu datu aizsardzības likums (Personal Data Protection Law, 2000)",
            "likumi.lv/ta/id/4042; ceased to have effect when the Personal Data Processing "
            "Law took effect (5 July 2018)",
        ),
        Source(
            "LPG",
            'Likums "Par grāmatvedību" (Law on Accounting, 1992)',
            "likumi.lv/doc.php?id=66460, marked as no longer in force and pointing to the "
            "Accounting Law of 10 June 2021; State Revenue Service notice (vid.gov.lv, as "
            "reprinted 9 July 2021): the Accounting Law takes effect on 1 January 2022 and "
            '"Par grāmatvedību" then ceases to have effect',
        ),
        Source("DL", "Darba likums (Labour Law)", "likumi.lv; section 31 (limitation)"),
        Source(
            "PLB",
            'Likums "Par Latvijas Banku" (Law On the Bank of Latvia, 1992)',
            "likumi.lv/ta/id/65544; it ceased to have effect when the Latvijas Bankas likums "
            "took effect on 1 January 2023, as the Cabinet's annotation to draft 22-TA-2992 "
            "(amendments to the Statistics Law, tapportals.mk.gov.lv) states; not re-read on "
            "likumi.lv (unverified). Latvijas Bankas regulations issued under it were replaced "
            "in late 2022 (e.g. regulation No. 124 of 2013 by No. 224 of 24 October 2022)",
        ),
        Source(
            "LBL",
            "Latvijas Bankas likums (Law on Latvijas Banka), adopted 23 September 2021",
            "likumi.lv/ta/id/326575; published in Latvijas Vēstnesis 6 October 2021, No. 193 "
            "(vestnesis.lv/op/2021/193.1)",
        ),
        Source(
            "JL",
            "Jaunatnes likums (Youth Law)",
            "likumi.lv/ta/id/175920; section 1: young people (jaunieši) are persons aged 13 "
            "to 25. Amendments the Saeima adopted in February 2026 raise the upper limit to "
            "30 (as reported by the press; not verified against likumi.lv); the lower limit "
            "stays 13",
        ),
        Source("CL", "Civillikums (Civil Law)", "likumi.lv; section 1895 (limitation)"),
        Source(
            "KL",
            "Komerclikums (Commercial Law)",
            "likumi.lv; section 406 (limitation); sections 75, 134, 185, 210 (a merchant's "
            "firm name carries its legal form: IK, PS, KS, SIA, AS)",
        ),
        Source(
            "BNL",
            "Biedrību un nodibinājumu likums (Associations and Foundations Law)",
            "likumi.lv; the name of an association or foundation (section numbers not verified)",
        ),
        Source(
            "UK-CA2006",
            "Companies Act 2006 (UK)",
            "legislation.gov.uk; sections 58-59 (a company's name ends with 'limited', "
            "'public limited company' or their abbreviations)",
        ),
        Source(
            "PTAL",
            "Patērētāju tiesību aizsardzības likums (Consumer Rights Protection Law)",
            "likumi.lv; as cited by the Consumer Rights Protection Centre (ptac.gov.lv)",
        ),
        Source(
            "ICO-BASES",
            "Information Commissioner's Office, Guide to the UK GDPR, 'Lawful basis for "
            "processing': the table of the rights each lawful basis gives",
            "ico.org.uk; the same table as Arts 7(3), 17(3)(b), 20(1) and 21(1) GDPR",
        ),
        Source(
            "EPRIVACY",
            "Directive 2002/58/EC (ePrivacy Directive), Art. 5(3) as amended by Directive "
            "2009/136/EC: storing or accessing information in a user's terminal equipment "
            "only with consent, unless strictly necessary",
            "OJ L 201, 31.7.2002, p. 37; OJ L 337, 18.12.2009, p. 11",
        ),
        Source(
            "ISPL",
            "Informācijas sabiedrības pakalpojumu likums (Law on Information Society "
            "Services): section 9, the ban on commercial communications without prior "
            "consent (text seen in the amending law of 10.11.2005); section 7(2), Latvia's "
            "transposition of ePrivacy Art. 5(3) — UNVERIFIED: section number as commonly "
            "cited, its text not checked",
            "likumi.lv/ta/id/96619 (in force; version of 21.06.2024); vestnesis.lv/ta/id/122418",
        ),
        Source(
            "CJEU-C-439/19",
            "Court of Justice, judgment of 22 June 2021, Latvijas Republikas Saeima "
            "(Points de pénalité), C-439/19: road-traffic offences are 'offences' under "
            "Art. 10 GDPR",
            "ECLI:EU:C:2021:504",
        ),
        Source(
            "EDPB-03/2019",
            "European Data Protection Board, Guidelines 3/2019 on processing of personal data "
            "through video devices: disclosure of footage to law enforcement (chapter 4); "
            "footage is special-category data only when processed to deduce such data "
            "(chapter 5)",
            "version 2.0, adopted 29 January 2020",
        ),
        Source(
            "WP260",
            "Article 29 Working Party, Guidelines on transparency under Regulation 2016/679 "
            "(WP260 rev.01): Annex, Art. 13(2)(a)/14(2)(a): the storage period or its criteria "
            "must let data subjects assess what the period will be for them; stating only "
            "that data are kept as long as necessary for the legitimate purposes is not "
            "sufficient",
            "adopted 29 November 2017, revised 11 April 2018; endorsed by the EDPB on 25 May 2018",
        ),
        Source(
            "WP203",
            "Article 29 Working Party, Opinion 03/2013 on purpose limitation (WP203): a "
            "purpose must be precise enough to say what processing is and is not included; "
            "vague or general purposes (e.g. 'marketing purposes', 'IT-security purposes') "
            "are not specific",
            "adopted 2 April 2013",
        ),
        Source(
            "EDPB-05/2020",
            "European Data Protection Board, Guidelines 05/2020 on consent under Regulation "
            "2016/679: consent needs a clear affirmative act; continuing to use a website or "
            "scrolling is not one (paras 79-86)",
            "version 1.1, adopted 4 May 2020",
        ),
        Source(
            "WP243",
            "Article 29 Working Party, Guidelines on Data Protection Officers (WP243 rev.01): "
            "what 'large scale' means (number of people, volume, duration, geographical extent)",
            "5 April 2017; endorsed by the EDPB on 25 May 2018",
        ),
        Source(
            "ICO-BASES",
            "Information Commissioner's Office, Guide to the UK GDPR, 'Lawful basis for "
            "processing': the table of the rights each lawful basis gives",
            "ico.org.uk; the same table as Arts 7(3), 17(3)(b), 20(1) and 21(1) GDPR",
        ),
        Source(
            "DVI-CONTACT",
            "Datu valsts inspekcija: where it is and how to complain ('Kur atrodas Datu valsts "
            "inspekcija?', 'Iesniegumu paraugi', the complaint e-service); checked 2026-12-01",
            "dvi.gov.lv/lv/viegli-lasit-0 (Elijas iela 17, Rīga, LV-1050; pasts@dvi.gov.lv; "
            "phone 67223131); dvi.gov.lv/lv/iesniegumu-paraugi (complaints by post to "
            "Elijas iela 17 or e-signed to pasts@dvi.gov.lv); latvija.gov.lv/Services/7567",
        ),
        Source(
            "CNIL-COOKIES",
            "Commission nationale de l'informatique et des libertés (France), recommendation "
            "on cookies (Délibération n° 2013-378 of 5 December 2013) and guidelines on cookies "
            "and other trackers (Délibération n° 2020-091 of 17 September 2020): a tracker "
            "lives at most 13 months and the data collected through it is kept at most 25 "
            "months. One national authority's recommendation, not EU law. UNVERIFIED: the "
            "figures as reported in secondary sources, not read in the deliberations",
            "JORF 2013 (legifrance JORFARTI000028380242); cnil.fr, 'Cookies et autres traceurs'",
        ),
        Source(
            "AP-NL-SCHOOLS",
            "Autoriteit Persoonsgegevens (Netherlands), 'Visual material in education': a "
            "school that makes and publishes photos or videos of pupils needs consent, from "
            "the parents for a pupil under 16; refusing must have no negative consequence",
            "autoriteitpersoonsgegevens.nl/en/node/93/visual-material/visual-material-in-"
            "education (stored copy seen 2026-12-02)",
        ),
        Source(
            "DVI-SCHOOLS",
            "Datu valsts inspekcija, recommendation 'Bērnu datu aizsardzība skolās': schools "
            "should obtain the parents' permission before photographing pupils and publishing "
            "their photographs. UNVERIFIED: known only as reported by LV portāls, not read in "
            "the recommendation itself",
            "2014; lvportals.lv/skaidrojumi/264134 (9 July 2014); see also "
            "dvi.gov.lv/lv/jaunums/dviskaidro-izlaidums on photographs published by "
            "educational institutions",
        ),
        Source(
            "DVI-NOTICE",
            "Datu valsts inspekcija, '#dviskaidro: privātuma politika': what a privacy "
            "notice must tell and the words the inspectorate uses for it",
            "dvi.gov.lv/lv/jaunums/dviskaidro-privatuma-politika; the inspectorate's own "
            "'Privātuma atruna' (dvi.gov.lv/lv/privatuma-atruna) as a model of headings",
        ),
        Source(
            "UK-GDPR",
            "UK GDPR (Regulation (EU) 2016/679 as it forms part of UK law), Chapter V: "
            "transfers to a third country, i.e. outside the United Kingdom",
            "legislation.gov.uk/eur/2016/679, Art. 44; Data Protection Act 2018",
        ),
        Source(
            "FADP",
            "Swiss Federal Act on Data Protection of 25 September 2020 (revised FADP), "
            "Art. 16: disclosure of personal data abroad",
            "fedlex.admin.ch, SR 235.1, in force 1 September 2023",
        ),
        Source(
            "EDPB-05/2021",
            "EDPB Guidelines 05/2021 on the interplay between the application of Article 3 "
            "and the provisions on international transfers as per Chapter V of the GDPR",
            "version 2.0, adopted 14 February 2023 (the three criteria of a transfer)",
        ),
        Source(
            "EDPB-07/2020",
            "EDPB Guidelines 07/2020 on the concepts of controller and processor in the GDPR",
            "version 2.0, adopted 7 July 2021; the example of a bank carrying out payments "
            "for a client as a controller (paragraph number not verified)",
        ),
        Source(
            "CJEU-C-40/17",
            "CJEU, Case C-40/17 Fashion ID, judgment of 29 July 2019: a website embedding a "
            "third party's plug-in is joint controller for the collection and transmission",
            "ECLI:EU:C:2019:629",
        ),
        Source(
            "CJEU-C-210/16",
            "CJEU, Case C-210/16 Wirtschaftsakademie Schleswig-Holstein, judgment of 5 June "
            "2018: the administrator of a page on a social network is joint controller",
            "ECLI:EU:C:2018:388",
        ),
        Source(
            "CJEU-C-101/01",
            "CJEU, Case C-101/01 Lindqvist, judgment of 6 November 2003: publishing data on "
            "a website is not a transfer to a third country",
            "ECLI:EU:C:2003:596",
        ),
        Source(
            "WP217",
            "Article 29 Working Party, Opinion 06/2014 on the notion of legitimate interests "
            "of the data controller under Article 7 of Directive 95/46/EC (WP 217): among the "
            "common contexts of legitimate interests, the enforcement of legal claims "
            "including debt collection via out-of-court procedures (section III.3.1)",
            "adopted 9 April 2014; section number as commonly cited, not re-checked",
        ),
        Source(
            "EPRIVACY-13",
            "Directive 2002/58/EC (ePrivacy Directive), Art. 13 as amended by Directive "
            "2009/136/EC: e-mail marketing to existing customers offers the chance to object "
            "on the occasion of each message (13(2)); e-mail for direct marketing without a "
            "valid address to which the recipient may send a request that such "
            "communications cease is prohibited (13(4))",
            "OJ L 201, 31.7.2002, p. 37; OJ L 337, 18.12.2009, p. 11",
        ),
        Source(
            "WP251",
            "Article 29 Working Party, Guidelines on Automated individual decision-making and "
            "Profiling for the purposes of Regulation 2016/679 (WP251 rev.01): profiling "
            "evaluates a person's characteristics or behaviour to analyse or predict, among "
            "others, their interests (chapter II); the right to object to profiling for "
            "direct marketing (chapter III); decisions based solely on automated processing, "
            "with credit decisions as the typical case (chapter IV)",
            "adopted 3 October 2017, last revised and adopted 6 February 2018; endorsed by the "
            "EDPB on 25 May 2018; chapter numbers as commonly cited, not re-checked",
        ),
        Source(
            "STDNUM-LV",
            "python-stdnum, module stdnum/lv/pvn.py (Latvian PVN and personas kods): the "
            "DDMMYY-CNNNN layout, the century digit and the personal code's check digit",
            "github.com/arthurdejong/python-stdnum; the module itself notes the check-digit "
            "algorithm 'has not been confirmed by an independent source' (not verified "
            "against a PMLP publication)",
        ),
        Source(
            "ISO3166",
            "ISO 3166-1 alpha-2 country codes",
            "Debian iso-codes (see ropa.knowledge.countries)",
        ),
        Source(
            "EDPB-08/2020",
            "EDPB Guidelines 8/2020 on the targeting of social media users: targeting on "
            "observed data, such as visits a site's pixel reports to the social media "
            "provider",
            "version 2.0, adopted 13 April 2021; section as commonly cited, not re-checked",
        ),
        Source(
            "UK-CA2006-388",
            "Companies Act 2006 (UK), section 388: accounting records are preserved for a "
            "period running from the date on which they are made (three years for a "
            "private company, six for a public company)",
            "legislation.gov.uk; as commonly cited, not re-checked",
        ),
        Source(
            "VCL",
            "Valsts civildienesta likums (State Civil Service Law): section 7, requirements "
            "for a candidate for a civil servant's post, among them no conviction for an "
            "intentional criminal offence",
            "likumi.lv; section as commonly cited, not re-verified",
        ),
        Source(
            "BTAL",
            "Bērnu tiesību aizsardzības likums (Law on the Protection of the Children's "
            "Rights): section 72, persons convicted of certain offences may not work with "
            "children",
            "likumi.lv; section 72",
        ),
        Source(
            "MK276-2019",
            'Ministru kabineta 2019. gada 25. jūnija noteikumi Nr. 276 "Valsts izglītības '
            'informācijas sistēmas noteikumi" (Cabinet Regulation No. 276 of 25 June 2019 on '
            "the State Education Information System, VIIS)",
            "likumi.lv/ta/id/307796; published in Latvijas Vēstnesis 28 June 2019, No. 129 "
            "(vestnesis.lv/op/2019/129.18); its point 1.1 sets the system's content, upkeep "
            "and updating, the subject of No. 788 of 2010",
        ),
        Source(
            "NILLTPFNL",
            "Noziedzīgi iegūtu līdzekļu legalizācijas un terorisma un proliferācijas "
            "finansēšanas novēršanas likums (Law on the Prevention of Money Laundering and "
            "Terrorism and Proliferation Financing; NILLTPFN likums)",
            "title and status as cited in force by the Ministry of the Interior "
            "(iem.gov.lv) and Jurista Vārds No. 46/47 of 14 November 2023 (section 3(1)(4): "
            "sworn advocates and other legal service providers are obliged entities); the "
            "likumi.lv page was not recorded",
        ),
        Source(
            "MK788-2010",
            'Ministru kabineta 2010. gada 17. augusta noteikumi Nr. 788 "Valsts izglītības '
            'informācijas sistēmas saturs, uzturēšanas un aktualizēšanas kārtība" (Cabinet '
            "Regulation No. 788 of 17 August 2010 on VIIS)",
            "title as privacy notices cite it; that it lost force when No. 276 of 25 June "
            "2019 took effect is a labeller's finding, not re-read on likumi.lv (unverified)",
        ),
        Source(
            "MK40-2001",
            'Ministru kabineta 2001. gada 30. janvāra noteikumi Nr. 40 "Personas datu '
            'aizsardzības obligātās tehniskās un organizatoriskās prasības" (Cabinet '
            "Regulation No. 40 of 30 January 2001, mandatory technical and organisational "
            "requirements for the protection of personal data)",
            "its own text (title as amended by Regulation No. 574 of 28 August 2007): "
            '"Izdoti saskaņā ar Fizisko personu datu aizsardzības likuma 26. panta pirmo '
            'daļu"; that it lost force with that law on 5 July 2018 is inferred, not re-read '
            "on likumi.lv (unverified)",
        ),
    )
}


def cite(*source_ids: str) -> tuple[str, ...]:
    """Check that the ids exist (at import time) and return them."""
    for source_id in source_ids:
        if source_id not in SOURCES:
            raise KeyError(f"unknown source {source_id!r}")
    return source_ids
