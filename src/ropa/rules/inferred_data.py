"""Special data written in an activity's words but not declared where the law asks for it:
Art. 9(1) categories, Art. 10 data and national identification numbers (Art. 87)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa.findings import Severity
from ropa.i18n import msg
from ropa.knowledge.lexicon import SPECIAL, mentions
from ropa.model.activity import Activity, DataCategory, DataSubjectGroup
from ropa.model.register import Register
from ropa.model.types import LocalizedText, text_of
from ropa.rules import Context, Violation, rule
from ropa.rules._reading import Reading, first_readings, label, says


def _declared(value: object) -> str:
    """How a key states the data: `missing`, `unknown`, `none`, or `stated`."""
    if value is None:
        return "missing"
    if value in ("unknown", "none"):
        return str(value)
    return "stated"


# Where data (rather than an aim) is described.
DATA_KEYS = ("personal_data", "data_subjects", "name", "description")

_SAYS = {
    "missing": msg("is not declared"),
    "unknown": msg("says `unknown`"),
    "none": msg("says `none`"),
}


def special_readings(activity: Activity) -> dict[str, Reading]:
    """The Art. 9(1) categories the activity's words state, with the first place each."""
    return first_readings(activity, SPECIAL)


@rule("SD21", "special-data.inferred", severity=Severity.WARNING, article="Art. 9(1), 30(1)(c)")
def special_inferred(register: Register, context: Context) -> Iterator[Violation]:
    """Special-category data named in the activity's words but not in `special_categories`.

    Why: Art. 9(1) data (health, biometric, religious beliefs, trade-union membership ...)
    may be processed only under an Art. 9(2) condition, on top of an Art. 6 basis. When
    `personal_data`, the data subjects or the purposes name such data ("veselības dati",
    "darbnespējas lapas", "sick-leave diagnosis") and `special_categories` does not list
    it, the record hides the condition the processing needs. The finding is at
    `special_categories` (where the record must change) and names the words and where
    they are, which it also gives as a related location. The words are read through
    the text layer (any inflection, with or without diacritics; negated mentions such as
    "veselības dati netiek apstrādāti" do not count).

    The "special care" or "special assistance" a traveller, guest or pupil needs
    ("informācija par īpašu aprūpi", reduced mobility, "bērni ar īpašām vajadzībām") is care
    for a disability or condition, so data concerning health (Art. 4(15), Recital 35);
    "customer care" ("klientu aprūpe") and "we take special care of your data" are not.
    Nor are people named by a medical profession ("medical practitioners", "medical
    residents", "ārstniecības personas"): their job, not their health.

    Camera footage is not special-category data unless it is processed to deduce such
    data (EDPB Guidelines 3/2019 on video devices, section 5: a hospital camera watching
    a patient's condition is; footage that happens to show someone is not). So words of
    health in a purpose that says the cameras serve safety or security ("supporting
    incident response: a slip, a fall, a medical emergency") name what the footage helps
    to respond to, not data it holds: where the activity's data is only footage and its
    people are not patients, they are not reported.

    Fails:

    ```yaml
    activities:
      - id: sick-leave
        name: Sick-leave records
        personal_data:
          - vārds, uzvārds
          - darbnespējas lapas (diagnoze)
        special_categories: none  # ← SD21
    ```

    Passes:

    ```yaml
    activities:
      - id: sick-leave
        name: Sick-leave records
        personal_data:
          - vārds, uzvārds
          - darbnespējas lapas (diagnoze)
        special_categories:
          - category: health
            condition: employment_social_security
            law: Darba likums, 74. pants
    ```
    """
    for activity in register.activities:
        declared = activity.special_categories
        listed = {use.category for use in declared} if isinstance(declared, list) else set()
        state = _declared(declared)
        for category, reading in special_readings(activity).items():
            if category in listed or _incident_of_footage(activity, reading):
                continue
            says = _SAYS.get(state) or msg("does not list `{category}`", category=category)
            yield Violation(
                activity.at("special_categories"),
                msg(
                    "{describe} ({label}) but `special_categories` {says}",
                    describe=reading.describe(),
                    label=label(category),
                    says=says,
                ),
                msg(
                    "add `- category: {category}` with its Art. 9(2) `condition:` to "
                    "`special_categories`, or reword the category if it is not such "
                    "data",
                    category=category,
                ),
                at_key=True,
                related=(reading.location,),
            )


def _incident_of_footage(activity: Activity, reading: Reading) -> bool:
    """Whether the special-category words are only what cameras help respond to: read in
    a purpose that says the footage serves safety or security ("supporting incident
    response: a fall, a medical emergency"), in an activity whose data is only footage and
    whose people are not patients (SD21)."""
    path = reading.location.path
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    if reading.key != "purposes" or "purposes" not in path:
        return False
    index = path[path.index("purposes") + 1]
    if not isinstance(index, int) or index >= len(purposes):
        return False
    if not says(purposes[index].purpose, "footage_purpose"):
        return False
    data = activity.personal_data if isinstance(activity.personal_data, list) else []
    if not data or not all(
        says(item.category if isinstance(item, DataCategory) else item, "footage_data")
        for item in data
    ):
        return False
    subjects = activity.data_subjects if isinstance(activity.data_subjects, list) else []
    return not any(
        says(item.category if isinstance(item, DataSubjectGroup) else item, "patients")
        for item in subjects
    )


# What joining or giving to a body of each kind reveals (Art. 9(1)).
_BODIES = (
    ("religious_body", "religious_or_philosophical_beliefs"),
    ("political_party_body", "political_opinions"),
    ("trade_union_body", "trade_union_membership"),
)
# A commercial company's legal form: a firm is no not-for-profit body of Art. 9(2)(d),
# whatever its name says ("SIA Baznīcas grāmatas" sells books).
_COMPANY = re.compile(r"(?<![\w.])(?:SIA|AS|IK|Ltd\.?|Limited|PLC|plc|GmbH|LLC|Inc\.?)(?!\w)")


def _body_kind(register: Register) -> tuple[str, str] | None:
    """What the organisation's name says it is, of `_BODIES`, with the words; None for
    any other organisation (nearly all) and for a company."""
    name = register.organisation.name
    for language in ("lv", "en"):
        text = text_of(name, language)
        if not text or text == "unknown" or _COMPANY.search(text):
            continue
        for concept, category in _BODIES:
            found = mentions(text, concept)
            if found is not None:
                return category, found.matched
    return None


def _members_or_donors(activity: Activity) -> bool:
    """Whether the activity's people are the body's members or donors, by its name,
    purposes or data subjects."""
    values: list[object] = [activity.name]
    if isinstance(activity.data_subjects, list):
        values.extend(getattr(group, "category", group) for group in activity.data_subjects)
    if isinstance(activity.purposes, list):
        values.extend(purpose.purpose for purpose in activity.purposes)
    return any(says(value, "members_or_donors") for value in values)


@rule(
    "SD25",
    "special-data.belief-body",
    severity=Severity.WARNING,
    article="Art. 9(1), 9(2)(d); Recital 51",
)
def belief_body(register: Register, context: Context) -> Iterator[Violation]:
    """Members or donors of a church, party or trade union, with no Art. 9(1) category.

    Why: that a person belongs or gives to a church, a political party or a trade union
    reveals their religious belief, political opinion or union membership (Art. 9(1));
    a body with such an aim may process its members' and regular contacts' data under
    Art. 9(2)(d), with appropriate safeguards and without disclosing it outside the body
    without consent, or under another Art. 9(2) condition. A record that leaves
    `special_categories` `unknown`, `none` or without the category hides the condition
    and the safeguards the processing needs. Read from the organisation's name (a parish,
    "draudze", "baznīca", "reliģiska organizācija", a "partija", an "arodbiedrība", in any
    inflection), and in activities whose name, purposes or data subjects speak of its
    members or donors ("biedri", "draudzes locekļi", "ziedotāji", "parishioners",
    "donors"); the body's staff, website visitors and suppliers are not read. A company
    (SIA, AS, Ltd, plc, GmbH ...) is no such body, whatever its name says (a shop of
    church candles), and unions of sport or of states are not trade unions. Where the
    activity's own words already name the category, SD21 reports it.

    Fails:

    ```yaml
    organisation:
      name: Rēzeknes evaņģēliski luteriskā draudze
      role: controller
    activities:
      - id: donors
        name: Ziedojumu uzskaite
        data_subjects: [ziedotāji]
        personal_data: [vārds, uzvārds, ziedojuma summa]
        special_categories: unknown  # ← SD25
    ```

    Passes:

    ```yaml
    organisation:
      name: Rēzeknes evaņģēliski luteriskā draudze
      role: controller
    activities:
      - id: donors
        name: Ziedojumu uzskaite
        data_subjects: [ziedotāji]
        personal_data: [vārds, uzvārds, ziedojuma summa]
        special_categories:
          - category: religious_or_philosophical_beliefs
            condition: not_for_profit_body
    ```
    """
    body = _body_kind(register)
    if body is None:
        return
    category, words = body
    for activity in register.activities:
        declared = activity.special_categories
        listed = {use.category for use in declared} if isinstance(declared, list) else set()
        if category in listed or category in special_readings(activity):
            continue
        if not _members_or_donors(activity):
            continue
        yield Violation(
            activity.at("special_categories"),
            msg(
                "`{id}` concerns the members or donors of {body} (“{words}”): "
                "belonging or giving to it reveals {label}, which `special_categories` "
                "does not list",
                id=activity.id,
                body=label_body(category),
                words=words,
                label=label(category),
            ),
            msg(
                "add `- category: {category}` with its Art. 9(2) `condition:` (for the "
                "body's own members and regular contacts, `not_for_profit_body`, Art. "
                "9(2)(d)) to `special_categories`",
                category=category,
            ),
            at_key=True,
        )


def label_body(category: str) -> str:
    """How a message names a body of the kind that reveals `category`."""
    if category == "political_opinions":
        return msg("a political party")
    if category == "trade_union_membership":
        return msg("a trade union")
    return msg("a religious organisation")


@rule("SD22", "special-data.criminal-inferred", severity=Severity.WARNING, article="Art. 10")
def criminal_inferred(register: Register, context: Context) -> Iterator[Violation]:
    """Criminal-conviction data named in the activity's words but not in `criminal_data`.

    Why: data on criminal convictions and offences (a certificate of no criminal record,
    Sodu reģistrs extracts, administrative and road-traffic offences — CJEU C-439/19) may be
    processed only under official authority or a law providing safeguards (Art. 10); the
    record should say which. A staff activity (recruitment, personnel files) whose legal
    basis cites a law that bars people convicted of certain offences from the post (the
    State Civil Service Law's requirements for a civil servant; the Law on the
    Protection of the Children's Rights, section 72, for work with children) checks
    convictions whatever its data list says: where `criminal_data` is `unknown` or left
    out, that is reported too (`none` is the register's own answer, left to the reader).
    So is a purpose that pursues identified people's offences ("identifying and
    prosecuting offenders", "footage kept as evidence of suspected offences",
    "vainīgo saukšana pie atbildības"): data relating to the alleged commission of
    offences is Art. 10 data (CJEU C-439/19 reads Art. 10 broadly; the UK DPA 2018,
    s. 11(2), says so in terms). A purpose of preventing or detecting crime is why
    cameras film, not such data (EDPB Guidelines 3/2019), and is not read.

    Fails:

    ```yaml
    activities:
      - id: vetting  # ← SD22
        name: Staff vetting
        personal_data:
          - sodāmības izziņa
    ```

    Passes:

    ```yaml
    activities:
      - id: vetting
        name: Staff vetting
        personal_data:
          - sodāmības izziņa
        criminal_data:
          description: Izziņa no Sodu reģistra
          basis: authorised_by_law
          law: Bērnu tiesību aizsardzības likums, 72. pants
    ```
    """
    for activity in register.activities:
        state = _declared(activity.criminal_data)
        if state == "stated":
            continue
        # Not the purposes: "to prevent crime" (noziedzīgu nodarījumu novēršana) is why
        # cameras film, not a record of convictions.
        reading = first_readings(activity, ("criminal",), DATA_KEYS).get("criminal")
        if reading is None and state != "none":
            yield from _conviction_bar(activity, state)
            yield from _offence_pursuit(activity, state)
            continue
        if reading is not None:
            yield Violation(
                activity.at("criminal_data"),
                msg(
                    "{describe} ({label}) but `criminal_data` {says}",
                    describe=reading.describe(),
                    label=label("criminal"),
                    says=_SAYS[state],
                ),
                msg("add `criminal_data:` with `description:`, its Art. 10 `basis:` and `law:`"),
                at_key=True,
                related=(reading.location,),
            )


_PURSUIT = ("offence_pursuit",)


def _offence_pursuit(activity: Activity, state: str) -> Iterator[Violation]:
    """A purpose that pursues identified people's offences (SD22): prosecuting them, or
    keeping evidence of suspected offences, handles data relating to offences."""
    reading = first_readings(activity, _PURSUIT, ("purposes",)).get("offence_pursuit")
    if reading is None:
        return
    yield Violation(
        activity.at("criminal_data"),
        msg(
            "{describe}: footage or files kept to pursue identified people's offences "
            "relate to (alleged) offences (Art. 10), but `criminal_data` {says}",
            describe=reading.describe(),
            says=_SAYS[state],
        ),
        msg(
            "add `criminal_data:` with `description:`, its Art. 10 `basis:` and `law:` "
            "(or drop the purpose if the data is only handed to the police on request)"
        ),
        at_key=True,
        related=(reading.location,),
    )


def _conviction_bar(activity: Activity, state: str) -> Iterator[Violation]:
    """A staff activity whose legal basis cites a law barring convicted persons from the
    post (SD22): the employer checks convictions, whatever the data list says."""
    if not first_readings(activity, ("employees",), ("data_subjects", "name", "purposes")):
        return
    purposes = activity.purposes if isinstance(activity.purposes, list) else []
    for index, purpose in enumerate(purposes):
        for path, basis in purpose.bases():
            law = getattr(basis, "law", None)
            for language in ("lv", "en"):
                text = text_of(law, language) if isinstance(law, str | LocalizedText) else ""
                found = mentions(text, "conviction_bar_law") if text else None
                if found is None:
                    continue
                yield Violation(
                    activity.at("criminal_data"),
                    msg(
                        "`{id}` rests on {law}, which bars people convicted of certain "
                        "offences from the post, so convictions are checked, "
                        "but `criminal_data` {says}",
                        id=activity.id,
                        law=f"\u201c{text[found.start : found.end]}\u201d",
                        says=_SAYS[state],
                    ),
                    msg(
                        "add `criminal_data:` with `description:` (the check of the "
                        "Punishment Register), its Art. 10 `basis:` and `law:`"
                    ),
                    at_key=True,
                    related=(activity.at("purposes", index, *path, "law"),),
                )
                return


@rule("SD23", "special-data.national-id-inferred", severity=Severity.INFO, article="Art. 87")
def national_id_inferred(register: Register, context: Context) -> Iterator[Violation]:
    """A national identification number named in the activity's words, not in `national_id`.

    Why: the personas kods (and its foreign equivalents) is a national identification
    number; Member States set conditions for it (Art. 87) and in Latvia it is collected
    only where a law requires it or at the person's request. Recording it under
    `national_id` with its justification shows why it is needed.

    Fails:

    ```yaml
    activities:
      - id: contracts  # ← SD23
        name: Contracts
        personal_data: [vārds, uzvārds, personas kods]
    ```

    Passes:

    ```yaml
    activities:
      - id: contracts
        name: Contracts
        personal_data: [vārds, uzvārds, personas kods]
        national_id:
          description: personas kods in the contract
          justification: Civillikums requires the parties to be identified
    ```
    """
    for activity in register.activities:
        state = _declared(activity.national_id)
        if state == "stated":
            continue
        reading = first_readings(activity, ("national_id",)).get("national_id")
        if reading is not None:
            yield Violation(
                activity.at("national_id"),
                msg(
                    "{describe} ({label}) but `national_id` {says}",
                    describe=reading.describe(),
                    label=label("national_id"),
                    says=_SAYS[state],
                ),
                msg(
                    "add `national_id:` with `description:` and `justification:` (the "
                    "law requiring it, or the person's own request)"
                ),
                at_key=True,
                related=(reading.location,),
            )
